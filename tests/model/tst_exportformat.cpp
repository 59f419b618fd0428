// ExportFormat: the CLI's name and prefix rule, the names the window suggests (which that rule
// must read back as the same format), and one writer for every format.

#include "model/files/exportformat.h"
#include "model/files/runfilereader.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(ExportFormat)

class TestExportFormat : public QObject {
    Q_OBJECT

private slots:
    void namesAndPrefixesPickTheFormat_data();
    void namesAndPrefixesPickTheFormat();
    void suggestedNamesReadBackAsTheirFormat_data();
    void suggestedNamesReadBackAsTheirFormat();
    void writesEveryFormat();
};

void TestExportFormat::namesAndPrefixesPickTheFormat_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("known");
    QTest::addColumn<ExportFormat>("format");
    QTest::addColumn<QString>("path");

    auto row = [](const char* name, const QString& value, ExportFormat format, const QString& path) {
        QTest::newRow(name) << value << true << format << path;
    };
    row("trace.json", QStringLiteral("trace.json"), ExportFormat::ChromeTrace, QStringLiteral("trace.json"));
    row("*.trace.json", QStringLiteral("out/run-1.trace.json"), ExportFormat::ChromeTrace,
        QStringLiteral("out/run-1.trace.json"));
    row("TRACE.JSON", QStringLiteral("TRACE.JSON"), ExportFormat::ChromeTrace, QStringLiteral("TRACE.JSON"));
    row("events.csv", QStringLiteral("events.csv"), ExportFormat::EventsCsv, QStringLiteral("events.csv"));
    row("*.events.csv", QStringLiteral("/tmp/a.events.csv"), ExportFormat::EventsCsv,
        QStringLiteral("/tmp/a.events.csv"));
    row("tasks.csv", QStringLiteral("tasks.csv"), ExportFormat::TasksCsv, QStringLiteral("tasks.csv"));
    row("*.tasks.csv", QStringLiteral("b.tasks.csv"), ExportFormat::TasksCsv, QStringLiteral("b.tasks.csv"));
    row("other .json", QStringLiteral("run.json"), ExportFormat::RunFile, QStringLiteral("run.json"));
    row("mytrace.json", QStringLiteral("mytrace.json"), ExportFormat::RunFile, QStringLiteral("mytrace.json"));
    row("folder named trace.json", QStringLiteral("trace.json/run.json"), ExportFormat::RunFile,
        QStringLiteral("trace.json/run.json"));
    row("trace: prefix", QStringLiteral("trace:out.txt"), ExportFormat::ChromeTrace, QStringLiteral("out.txt"));
    row("events: prefix", QStringLiteral("events:x.json"), ExportFormat::EventsCsv, QStringLiteral("x.json"));
    row("tasks: prefix", QStringLiteral("tasks:/tmp/t"), ExportFormat::TasksCsv, QStringLiteral("/tmp/t"));
    row("run: prefix", QStringLiteral("run:trace.json"), ExportFormat::RunFile, QStringLiteral("trace.json"));
    row("prefix, empty path", QStringLiteral("run:"), ExportFormat::RunFile, QString());
    QTest::newRow("no format: .txt") << QStringLiteral("x.txt") << false << ExportFormat::RunFile << QString();
    QTest::newRow("no format: events.csvx")
        << QStringLiteral("events.csvx") << false << ExportFormat::RunFile << QString();
    QTest::newRow("no format: bare csv") << QStringLiteral("data.csv") << false << ExportFormat::RunFile << QString();
    QTest::newRow("no format: unknown prefix")
        << QStringLiteral("json:x") << false << ExportFormat::RunFile << QString();
    QTest::newRow("no format: empty") << QString() << false << ExportFormat::RunFile << QString();
}

void TestExportFormat::namesAndPrefixesPickTheFormat()
{
    QFETCH(QString, value);
    QFETCH(bool, known);
    QFETCH(ExportFormat, format);
    QFETCH(QString, path);
    const auto target = exports::targetFor(value);
    QCOMPARE(target.has_value(), known);
    if (!known)
        return;
    QCOMPARE(target->format, format);
    QCOMPARE(target->path, path);
}

void TestExportFormat::suggestedNamesReadBackAsTheirFormat_data()
{
    QTest::addColumn<ExportFormat>("format");
    QTest::addColumn<QString>("suggested");
    QTest::addColumn<QString>("name");

    QTest::newRow("trace") << ExportFormat::ChromeTrace << QStringLiteral("pool-20240101-120000.trace.json")
                           << QStringLiteral("Chrome trace");
    QTest::newRow("events") << ExportFormat::EventsCsv << QStringLiteral("pool-20240101-120000.events.csv")
                            << QStringLiteral("events CSV");
    QTest::newRow("tasks") << ExportFormat::TasksCsv << QStringLiteral("pool-20240101-120000.tasks.csv")
                           << QStringLiteral("task timings CSV");
    QTest::newRow("run") << ExportFormat::RunFile << QStringLiteral("pool-20240101-120000.json")
                         << QStringLiteral("run file");
}

void TestExportFormat::suggestedNamesReadBackAsTheirFormat()
{
    QFETCH(ExportFormat, format);
    QFETCH(QString, suggested);
    QFETCH(QString, name);
    QCOMPARE(exports::suggestedName(format, QStringLiteral("pool-20240101-120000")), suggested);
    QCOMPARE(exports::formatName(format), name);
    const auto byName = exports::targetFor(suggested);
    QVERIFY(byName);
    QCOMPARE(byName->format, format);
    const auto byPrefix = exports::targetFor(exports::formatPrefix(format) + QStringLiteral(":file"));
    QVERIFY(byPrefix);
    QCOMPARE(byPrefix->format, format);
}

void TestExportFormat::writesEveryFormat()
{
    Recording r;
    r.setScenario(QStringLiteral("processes"), R"({"workers":1})");
    r.runStarted(1000, 10, 1);
    r.processStarted(11, 10, 1100, false, QStringLiteral("worker-0"), QStringLiteral("worker"));
    r.processExited(11, 0, 2000);
    r.runFinished(3000);
    QTemporaryDir dir;
    for (const ExportFormat format : exports::kFormats) {
        const QString path = dir.filePath(exports::suggestedName(format, QStringLiteral("run")));
        QVERIFY2(!exports::writeExport(format, r, path), qPrintable(path));
        QVERIFY2(QFile(path).size() > 0, qPrintable(path));
        const QString missing = dir.filePath(QStringLiteral("missing/") + QFileInfo(path).fileName());
        const auto error = exports::writeExport(format, r, missing);
        QVERIFY(error);
        QVERIFY2(error->contains(missing), qPrintable(*error));
    }
    const runfile::Loaded loaded = runfile::load(dir.filePath(QStringLiteral("run.json")));
    QVERIFY2(loaded.recording, qPrintable(loaded.error));
    QVERIFY(*loaded.recording == r);
}

QTEST_GUILESS_MAIN(TestExportFormat)
#include "tst_exportformat.moc"
