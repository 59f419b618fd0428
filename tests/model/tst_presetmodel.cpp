// Presets: the built-in ones load from the resources, scenario files load and save, and a bad
// file is reported with its path and the key at fault.

#include "model/config/presetlibrary.h"
#include "model/config/presetmodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestPresetModel : public QObject {
    Q_OBJECT

private slots:
    void builtInPresetsLoad();
    void modelListsPresets();
    void savedFilesLoadBack();
    void badFilesNameTheFileAndKey();
    void unwritableDestinationIsReported();

private:
    QTemporaryDir m_dir;
};

void TestPresetModel::builtInPresetsLoad()
{
    const auto presets = PresetLibrary::builtIn();
    QVERIFY(!presets.isEmpty());
    const auto processes = PresetLibrary::findBuiltIn(QStringLiteral("processes"));
    QVERIFY(processes);
    QCOMPARE(processes->scenarioId, QStringLiteral("processes"));
    QCOMPARE(processes->config["workers"].get<int>(), 4);
    QVERIFY(!PresetLibrary::findBuiltIn(QStringLiteral("nope")));
}

void TestPresetModel::modelListsPresets()
{
    PresetModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPresets(PresetLibrary::builtIn());
    const int row = model.rowOfName(QStringLiteral("processes"));
    QVERIFY(row >= 0);
    const QModelIndex index = model.index(row);
    QCOMPARE(index.data().toString(), QStringLiteral("Processes: start, join, PID, daemon"));
    QVERIFY(index.data(PresetModel::SummaryRole).toString().contains(QStringLiteral("Example 1")));
    QCOMPARE(index.data(PresetModel::ScenarioIdRole).toString(), QStringLiteral("processes"));

    Preset file = model.preset(row);
    file.path = m_dir.filePath(QStringLiteral("mine.json"));
    file.name = QStringLiteral("mine");
    const int builtIn = model.rowCount();
    QCOMPARE(builtIn, int(PresetLibrary::builtIn().size()));
    const int added = model.addPreset(file);
    QCOMPARE(model.rowCount(), builtIn + 1);
    QCOMPARE(model.addPreset(file), added); // the same file replaces its row
    QCOMPARE(model.rowCount(), builtIn + 1);
}

void TestPresetModel::savedFilesLoadBack()
{
    const QString path = m_dir.filePath(QStringLiteral("one-by-one.json"));
    nlohmann::json config = PresetLibrary::findBuiltIn(QStringLiteral("processes"))->config;
    config["join"] = "one-by-one";
    QString error;
    QVERIFY2(PresetLibrary::save(path, QStringLiteral("processes"), QStringLiteral("Sequential"), config, &error),
             qPrintable(error));
    const auto loaded = PresetLibrary::load(path, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->name, QStringLiteral("one-by-one"));
    QCOMPARE(loaded->title, QStringLiteral("Sequential"));
    QVERIFY(loaded->config == config);
}

void TestPresetModel::badFilesNameTheFileAndKey()
{
    const QString path = m_dir.filePath(QStringLiteral("bad.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": "forkscope-scenario", "version": 1, "scenario": "processes", "config": {"workers": 0}})");
    file.close();
    QString error;
    QVERIFY(!PresetLibrary::load(path, &error));
    QCOMPARE(error, path + QStringLiteral(": config.workers: must be 1..256, got 0"));
    QVERIFY(!PresetLibrary::load(m_dir.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY(error.startsWith(m_dir.filePath(QStringLiteral("missing.json")) + QStringLiteral(": cannot open")));
}

void TestPresetModel::unwritableDestinationIsReported()
{
    QString error;
    const QString path = m_dir.filePath(QStringLiteral("no/such/folder/x.json"));
    QVERIFY(!PresetLibrary::save(path, QStringLiteral("processes"), {}, nlohmann::json::object(), &error));
    QVERIFY2(error.startsWith(path + QStringLiteral(": cannot write")), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(TestPresetModel)
#include "tst_presetmodel.moc"
