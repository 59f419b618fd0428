// ConfigDialog and the scenario forms: every preset's form binds every field; an invalid value
// is named and disables OK and Start; Restore Defaults, Save As, Open and the recent files; the
// zh_CN dialogs are translated.

#include "app/configdialog.h"
#include "app/configformbinder.h"
#include "app/configforms.h"
#include "app/language.h"
#include "app/recentfiles.h"
#include "model/config/configmodel.h"
#include "model/config/presetlibrary.h"
#include "support/untranslated_text.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using forkscope::scenarios::FieldKind;

class TestConfigDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void everyScenarioHasAFormForEveryField_data();
    void everyScenarioHasAFormForEveryField();
    void invalidValueIsNamedAndDisablesStart_data();
    void invalidValueIsNamedAndDisablesStart();
    void textAndFolderFieldsAreValidated();
    void restoreDefaultsGoesBackToThePreset();
    void savedFileOpensAgainAndIsRecent();
    void openingAnotherScenarioSwitchesTheForm();
    void badFileIsRefusedNamingIt();
    void chineseDialogsAreTranslated();

private:
    static Preset preset(const QString& name);
    // The preset's config, with an existing folder to copy where it needs one.
    nlohmann::json withFolders(const Preset& p) const;

    QTemporaryDir m_folder;
};

Preset TestConfigDialog::preset(const QString& name)
{
    const auto found = PresetLibrary::findBuiltIn(name);
    if (!found)
        qFatal("no preset %s", qPrintable(name));
    return *found;
}

nlohmann::json TestConfigDialog::withFolders(const Preset& p) const
{
    nlohmann::json config = p.config;
    if (config.contains("source"))
        config["source"] = m_folder.path().toStdString();
    return config;
}

void TestConfigDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    Language::apply(QStringLiteral("en"));
}

void TestConfigDialog::init()
{
    RecentFiles::clear();
}

void TestConfigDialog::everyScenarioHasAFormForEveryField_data()
{
    QTest::addColumn<QString>("name");
    for (const Preset& p : PresetLibrary::builtIn())
        QTest::newRow(qPrintable(p.name)) << p.name;
}

void TestConfigDialog::everyScenarioHasAFormForEveryField()
{
    QFETCH(QString, name);
    const Preset p = preset(name);
    QVERIFY(ConfigForms::scenarios().contains(p.scenarioId));
    const nlohmann::json config = withFolders(p);
    ConfigDialog dialog(p, config);
    QAbstractItemModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(dialog.binder());
    QCOMPARE(dialog.binder()->unboundFields(), QStringList());
    QCOMPARE(dialog.binder()->strayEditors(), QStringList());
    QVERIFY(dialog.isValid());
    QVERIFY(dialog.okButton()->isEnabled() && dialog.startButton()->isEnabled());
    // Each editor shows the preset's value and the field's label.
    for (const auto& field : dialog.model()->scenario()->fields()) {
        QWidget* editor = dialog.binder()->editor(QString::fromStdString(field.name));
        QVERIFY2(editor, field.name.c_str());
        const auto& value = config.at(field.name);
        switch (field.kind) {
        case FieldKind::Integer: QCOMPARE(qobject_cast<QSpinBox*>(editor)->value(), value.get<int>()); break;
        case FieldKind::Choice:
            QCOMPARE(qobject_cast<QComboBox*>(editor)->currentData().toString(),
                     QString::fromStdString(value.get<std::string>()));
            QCOMPARE(qobject_cast<QComboBox*>(editor)->count(), int(field.choices.size()));
            break;
        case FieldKind::Boolean:
            QCOMPARE(qobject_cast<QCheckBox*>(editor)->isChecked(), value.get<bool>());
            QCOMPARE(qobject_cast<QCheckBox*>(editor)->text(), QString::fromUtf8(field.label));
            break;
        case FieldKind::Text:
            QCOMPARE(qobject_cast<QLineEdit*>(editor)->text(), QString::fromStdString(value.get<std::string>()));
            break;
        }
        QVERIFY(editor->toolTip().contains(QString::fromUtf8(field.help)));
    }
    // The form is laid out: it renders, and every editor has room.
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    for (QSpinBox* spin : dialog.findChildren<QSpinBox*>())
        QVERIFY(spin->width() >= spin->minimumSizeHint().width());
}

void TestConfigDialog::invalidValueIsNamedAndDisablesStart_data()
{
    everyScenarioHasAFormForEveryField_data();
}

// Typing a number past a field's maximum keeps it, names the field and disables OK and Start;
// a valid number enables them again.
void TestConfigDialog::invalidValueIsNamedAndDisablesStart()
{
    QFETCH(QString, name);
    const Preset p = preset(name);
    ConfigDialog dialog(p, withFolders(p));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const auto& fields = dialog.model()->scenario()->fields();
    const auto field =
        std::find_if(fields.begin(), fields.end(), [](const auto& f) { return f.kind == FieldKind::Integer; });
    QVERIFY(field != fields.end());
    const QString key = QString::fromStdString(field->name);
    auto* spin = qobject_cast<QSpinBox*>(dialog.binder()->editor(key));
    QVERIFY(spin);
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, QString::number(field->max + 1));
    QCOMPARE(dialog.model()->config().at(field->name).get<std::int64_t>(), field->max + 1);
    QVERIFY(!dialog.isValid());
    QVERIFY(!dialog.okButton()->isEnabled());
    QVERIFY(!dialog.startButton()->isEnabled());
    auto* errorLabel = dialog.findChild<QLabel*>(QStringLiteral("errorLabel"));
    QVERIFY(errorLabel->isVisible());
    QVERIFY2(errorLabel->text().contains(key + QStringLiteral(": must be")), qPrintable(errorLabel->text()));
    QVERIFY(errorLabel->text().contains(QString::fromUtf8(field->label)));
    QVERIFY(spin->toolTip().contains(key + QStringLiteral(": must be")));
    QCOMPARE(spin->value(), int(field->max + 1)); // kept as typed, not clamped

    spin->selectAll();
    QTest::keyClicks(spin, QString::number(field->min));
    QVERIFY(dialog.isValid());
    QVERIFY(dialog.okButton()->isEnabled() && dialog.startButton()->isEnabled());
    QVERIFY(!errorLabel->isVisible());
}

void TestConfigDialog::textAndFolderFieldsAreValidated()
{
    const Preset queue = preset(QStringLiteral("pool-queue"));
    ConfigDialog dialog(queue, queue.config);
    auto* text = qobject_cast<QLineEdit*>(dialog.binder()->editor(QStringLiteral("text")));
    QVERIFY(text);
    QTest::keyClicks(text, QString(1001, QLatin1Char('x')));
    QVERIFY(!dialog.isValid());
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("errorLabel"))->text().contains(QStringLiteral("text:")));

    QTemporaryDir dir;
    const Preset copy = preset(QStringLiteral("folder-copy"));
    ConfigDialog folders(copy, copy.config); // no folder chosen yet: Start waits for one
    QVERIFY(!folders.isValid() && !folders.startButton()->isEnabled());
    QVERIFY(folders.findChild<QLabel*>(QStringLiteral("errorLabel"))->text().contains(QStringLiteral("source:")));
    auto* source = qobject_cast<QLineEdit*>(folders.binder()->editor(QStringLiteral("source")));
    QVERIFY(source);
    QVERIFY(folders.findChild<QWidget*>(QStringLiteral("sourceBrowse")));
    source->clear();
    QTest::keyClicks(source, dir.filePath(QStringLiteral("missing")));
    QVERIFY(!folders.isValid());
    QVERIFY(folders.findChild<QLabel*>(QStringLiteral("errorLabel"))->text().contains(QStringLiteral("source:")));
    source->clear();
    QTest::keyClicks(source, dir.path());
    QVERIFY2(folders.isValid(), qPrintable(folders.model()->errors().join(QLatin1Char('\n'))));
}

void TestConfigDialog::restoreDefaultsGoesBackToThePreset()
{
    const Preset p = preset(QStringLiteral("processes"));
    nlohmann::json changed = p.config;
    changed["workers"] = 17;
    changed["join"] = "none";
    ConfigDialog dialog(p, changed);
    auto* workers = qobject_cast<QSpinBox*>(dialog.binder()->editor(QStringLiteral("workers")));
    auto* join = qobject_cast<QComboBox*>(dialog.binder()->editor(QStringLiteral("join")));
    QCOMPARE(workers->value(), 17);
    QCOMPARE(join->currentData().toString(), QStringLiteral("none"));
    dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::RestoreDefaults)->click();
    QVERIFY(dialog.config() == p.config);
    QCOMPARE(workers->value(), p.config.at("workers").get<int>());
    QCOMPARE(join->currentData().toString(), QString::fromStdString(p.config.at("join").get<std::string>()));
}

void TestConfigDialog::savedFileOpensAgainAndIsRecent()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mine.json"));
    const Preset p = preset(QStringLiteral("pool"));
    {
        ConfigDialog dialog(p, p.config);
        qobject_cast<QSpinBox*>(dialog.binder()->editor(QStringLiteral("tasks")))->setValue(42);
        auto* mode = qobject_cast<QComboBox*>(dialog.binder()->editor(QStringLiteral("mode")));
        mode->setCurrentIndex(mode->findData(QStringLiteral("map")));
        QString error;
        QVERIFY2(dialog.saveFile(path, &error), qPrintable(error));
    }
    QCOMPARE(RecentFiles::files(), QStringList{path});
    ConfigDialog dialog(p, p.config);
    QString error;
    QVERIFY2(dialog.openFile(path, &error), qPrintable(error));
    QVERIFY(dialog.presetReplaced());
    QCOMPARE(dialog.preset().path, path);
    QCOMPARE(qobject_cast<QSpinBox*>(dialog.binder()->editor(QStringLiteral("tasks")))->value(), 42);
    QCOMPARE(dialog.config().at("mode").get<std::string>(), "map");
    // Restore Defaults now goes back to the file's values.
    qobject_cast<QSpinBox*>(dialog.binder()->editor(QStringLiteral("tasks")))->setValue(7);
    dialog.restoreDefaults();
    QCOMPARE(dialog.config().at("tasks").get<int>(), 42);
    // Gone files drop out of the list.
    QFile::remove(path);
    QVERIFY(RecentFiles::files().isEmpty());
}

void TestConfigDialog::openingAnotherScenarioSwitchesTheForm()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("race.json"));
    const Preset race = preset(QStringLiteral("ticket-race"));
    QString error;
    QVERIFY(PresetLibrary::save(path, race.scenarioId, race.title, race.config, &error));
    const Preset p = preset(QStringLiteral("processes"));
    ConfigDialog dialog(p, p.config);
    QVERIFY(dialog.binder()->editor(QStringLiteral("workers")));
    QVERIFY2(dialog.openFile(path, &error), qPrintable(error));
    QCOMPARE(dialog.model()->scenario()->id(), "ticket-race");
    QVERIFY(!dialog.binder()->editor(QStringLiteral("workers")));
    QVERIFY(dialog.binder()->editor(QStringLiteral("buyers")));
    QVERIFY(dialog.findChild<QWidget*>(QStringLiteral("TicketRaceConfig")));
    QVERIFY(!dialog.findChild<QWidget*>(QStringLiteral("ProcessesConfig")));
    QVERIFY(dialog.windowTitle().contains(QStringLiteral("Ticket race")));
}

void TestConfigDialog::badFileIsRefusedNamingIt()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": "forkscope-scenario", "version": 1, "scenario": "processes", "config": {"workers": 0}})");
    file.close();
    const Preset p = preset(QStringLiteral("processes"));
    ConfigDialog dialog(p, p.config);
    QString error;
    QVERIFY(!dialog.openFile(path, &error));
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("workers")), qPrintable(error));
    QVERIFY(!dialog.presetReplaced());
    QVERIFY(dialog.config() == p.config); // nothing half-loaded
    QVERIFY(RecentFiles::files().isEmpty());
}

void TestConfigDialog::chineseDialogsAreTranslated()
{
    QCOMPARE(Language::apply(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    for (const Preset& p : PresetLibrary::builtIn()) {
        ConfigDialog dialog(p, withFolders(p));
        const QStringList english = forkscope::testing::untranslatedTexts(&dialog);
        QVERIFY2(english.isEmpty(), qPrintable(p.name + QStringLiteral(": ") + english.join(QStringLiteral(" | "))));
    }
    // Problems are explained in Chinese too, naming the field by its label and its key.
    const Preset p = preset(QStringLiteral("processes"));
    ConfigDialog dialog(p, p.config);
    qobject_cast<QSpinBox*>(dialog.binder()->editor(QStringLiteral("workers")))->setValue(0);
    QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("errorLabel"))->text(),
             QStringLiteral("工作进程数 — workers: 必须在 1..256 之间,实际为 0"));
    // A dialog open while the language changes follows it.
    Language::apply(QStringLiteral("en"));
    QCoreApplication::processEvents();
    QCOMPARE(qobject_cast<QCheckBox*>(dialog.binder()->editor(QStringLiteral("daemon")))->text(),
             QStringLiteral("Daemon"));
    QVERIFY(dialog.windowTitle().startsWith(QStringLiteral("Configure")));
}

QTEST_MAIN(TestConfigDialog)
#include "tst_configdialog.moc"
