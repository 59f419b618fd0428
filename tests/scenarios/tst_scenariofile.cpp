// Scenario files: presets and saved scenarios parse, and every mistake names its key.

#include "scenarios/config/scenario_file.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace forkscope::scenarios;

class TestScenarioFile : public QObject {
    Q_OBJECT

private slots:
    void parsesAndFillsDefaults();
    void roundTrips();
    void rejectsWithTheKeyNamed_data();
    void rejectsWithTheKeyNamed();
    void everyShippedPresetParses();
};

void TestScenarioFile::parsesAndFillsDefaults()
{
    const auto doc = parse_scenario_file(
        R"({"format": "forkscope-scenario", "version": 1, "scenario": "processes", "title": "T", "config": {"workers": 2}})");
    QCOMPARE(doc.scenario, std::string("processes"));
    QCOMPARE(doc.title, std::string("T"));
    QCOMPARE(doc.config["workers"].get<int>(), 2);
    QCOMPARE(doc.config["work_ms"].get<int>(), 500);
}

void TestScenarioFile::roundTrips()
{
    ScenarioDocument doc = parse_scenario_file(
        R"({"format": "forkscope-scenario", "version": 1, "scenario": "processes", "config": {"join": "none", "daemon": true}})");
    const std::string text = format_scenario_file(doc);
    const ScenarioDocument again = parse_scenario_file(text);
    QVERIFY(again.config == doc.config);
    QVERIFY(text.find("\"workers\"") < text.find("\"join\"")); // field order, as in the dialog
}

void TestScenarioFile::rejectsWithTheKeyNamed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    const QString head = QStringLiteral(R"("format": "forkscope-scenario", "version": 1, "scenario": "processes")");
    QTest::newRow("not json") << "{"
                              << "not valid JSON: ";
    QTest::newRow("array") << "[]"
                           << "must be a JSON object, got array";
    QTest::newRow("format") << R"({"format": "x", "version": 1})"
                            << R"(format: must be "forkscope-scenario", got "x")";
    QTest::newRow("no version") << R"({"format": "forkscope-scenario"})"
                                << "version: missing";
    QTest::newRow("future version") << R"({"format": "forkscope-scenario", "version": 7})"
                                    << "version: 7 is newer than this ForkScope reads (1)";
    QTest::newRow("unknown scenario")
        << R"({"format": "forkscope-scenario", "version": 1, "scenario": "nope", "config": {}})"
        << "scenario: unknown scenario 'nope' (known: processes, ";
    QTest::newRow("unknown key") << QStringLiteral("{%1, \"colour\": 1}").arg(head) << "colour: unknown key";
    QTest::newRow("no config") << QStringLiteral("{%1}").arg(head) << "config: missing";
    QTest::newRow("config not an object")
        << QStringLiteral("{%1, \"config\": 5}").arg(head) << "config: must be an object of fields, got number";
    QTest::newRow("bad value") << QStringLiteral("{%1, \"config\": {\"workers\": 0}}").arg(head)
                               << "config.workers: must be 1..256, got 0";
    QTest::newRow("bad title") << QStringLiteral("{%1, \"title\": 3, \"config\": {}}").arg(head)
                               << "title: must be a string, got 3";
}

void TestScenarioFile::rejectsWithTheKeyNamed()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    try {
        (void)parse_scenario_file(text.toStdString());
        QFAIL("accepted");
    } catch (const ScenarioFileError& e) {
        QVERIFY2(QString::fromStdString(e.what()).startsWith(message), e.what());
    }
}

void TestScenarioFile::everyShippedPresetParses()
{
    const QDir presets(QStringLiteral(FORKSCOPE_SOURCE_DIR "/resources/presets"));
    const auto files = presets.entryList({QStringLiteral("*.json")}, QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const auto& name : files) {
        QFile file(presets.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        try {
            (void)parse_scenario_file(file.readAll().toStdString());
        } catch (const ScenarioFileError& e) {
            QFAIL(qPrintable(name + QStringLiteral(": ") + QString::fromStdString(e.what())));
        }
    }
}

QTEST_GUILESS_MAIN(TestScenarioFile)
#include "tst_scenariofile.moc"
