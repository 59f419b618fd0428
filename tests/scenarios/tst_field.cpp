// Config fields: command-line text, JSON values and whole configs, with the exact messages a
// user sees.

#include "scenarios/config/field.h"
#include "scenarios/programs/programs.h"
#include "scenarios/scenario.h"

#include <nlohmann/json.hpp>

#include <QTest>

using namespace forkscope::scenarios;

namespace {

const std::vector<Field>& processes_fields()
{
    return find_scenario("processes")->fields();
}

} // namespace

class TestField : public QObject {
    Q_OBJECT

private slots:
    void assignmentsParse_data();
    void assignmentsParse();
    void badAssignmentsNameTheField_data();
    void badAssignmentsNameTheField();
    void validateReportsEveryProblem();
    void completeConfigFillsDefaults();
    void everyDefaultIsValid();
    void everyBoundIsEnforcedWithItsMessage_data();
    void everyBoundIsEnforcedWithItsMessage();
};

void TestField::assignmentsParse_data()
{
    QTest::addColumn<QString>("assignment");
    QTest::addColumn<QString>("json");
    QTest::newRow("int") << "workers=8"
                         << "8";
    QTest::newRow("int min") << "workers=1"
                             << "1";
    QTest::newRow("int max") << "workers=256"
                             << "256";
    QTest::newRow("choice") << "join=one-by-one"
                            << "\"one-by-one\"";
    QTest::newRow("bool true") << "daemon=true"
                               << "true";
    QTest::newRow("bool yes") << "daemon=yes"
                              << "true";
    QTest::newRow("bool 0") << "daemon=0"
                            << "false";
    QTest::newRow("zero allowed") << "work_ms=0"
                                  << "0";
}

void TestField::assignmentsParse()
{
    QFETCH(QString, assignment);
    QFETCH(QString, json);
    nlohmann::json config = nlohmann::json::object();
    apply_assignment(processes_fields(), config, assignment.toStdString(), "processes");
    const std::string name = assignment.section(QLatin1Char('='), 0, 0).toStdString();
    QCOMPARE(QString::fromStdString(config[name].dump()), json);
}

void TestField::badAssignmentsNameTheField_data()
{
    QTest::addColumn<QString>("assignment");
    QTest::addColumn<QString>("message");
    QTest::newRow("zero") << "workers=0"
                          << "workers: must be 1..256, got 0";
    QTest::newRow("huge") << "workers=100000"
                          << "workers: must be 1..256, got 100000";
    QTest::newRow("negative") << "workers=-3"
                              << "workers: must be 1..256, got -3";
    QTest::newRow("overflow") << "workers=99999999999999999999"
                              << "workers: must be 1..256, got 99999999999999999999";
    QTest::newRow("not a number") << "workers=eight"
                                  << "workers: must be a whole number in 1..256, got 'eight'";
    QTest::newRow("trailing junk") << "workers=8x"
                                   << "workers: must be a whole number in 1..256, got '8x'";
    QTest::newRow("empty") << "workers="
                           << "workers: must be a whole number in 1..256, got ''";
    QTest::newRow("choice") << "join=sideways"
                            << "join: must be one of after-all, one-by-one, none; got 'sideways'";
    QTest::newRow("bool") << "daemon=maybe"
                          << "daemon: must be true or false, got 'maybe'";
    QTest::newRow("unknown") << "nosuchfield=1"
                             << "nosuchfield: no such field in scenario 'processes' (fields: workers, work, work_ms, "
                                "join, daemon, terminate_after_ms)";
    QTest::newRow("no equals") << "workers"
                               << "workers: expected field=value";
    QTest::newRow("no name") << "=3"
                             << "=3: expected field=value";
}

void TestField::badAssignmentsNameTheField()
{
    QFETCH(QString, assignment);
    QFETCH(QString, message);
    nlohmann::json config = nlohmann::json::object();
    try {
        apply_assignment(processes_fields(), config, assignment.toStdString(), "processes");
        QFAIL("accepted");
    } catch (const ConfigError& e) {
        QCOMPARE(QString::fromStdString(e.what()), message);
    }
    QVERIFY(config.empty()); // nothing half-applied
}

void TestField::validateReportsEveryProblem()
{
    const auto config = nlohmann::json::parse(R"({"workers": "8", "work_ms": 1e3, "daemon": 1, "x": 0})");
    const auto errors = validate_config(processes_fields(), config, "processes");
    QStringList messages;
    for (const auto& e : errors)
        messages << QString::fromStdString(e.what());
    messages.sort();
    QCOMPARE(messages, QStringList({
                           QStringLiteral("daemon: must be true or false, got 1"),
                           QStringLiteral("work_ms: must be a whole number in 0..600000, got 1000.0"),
                           QStringLiteral("workers: must be a whole number in 1..256, got \"8\""),
                           QStringLiteral("x: no such field in scenario 'processes' (fields: workers, work, work_ms, "
                                          "join, daemon, terminate_after_ms)"),
                       }));
    QVERIFY(validate_config(processes_fields(), nlohmann::json::array(), "processes").front().field() == "config");
}

void TestField::completeConfigFillsDefaults()
{
    const Scenario& s = *find_scenario("processes");
    const auto complete = complete_config(s, nlohmann::json::parse(R"({"workers": 3})"));
    QCOMPARE(complete["workers"].get<int>(), 3);
    QCOMPARE(complete["join"].get<std::string>(), std::string("after-all"));
    QCOMPARE(complete.size(), s.fields().size());
    QVERIFY_THROWS_EXCEPTION(ConfigError, (void)complete_config(s, nlohmann::json::parse(R"({"workers": 0})")));
}

void TestField::everyDefaultIsValid()
{
    for (const Scenario* s : all_scenarios()) {
        const auto config = default_config(s->fields());
        QVERIFY(validate_config(s->fields(), config, s->id()).empty());
        for (const auto& f : s->fields()) {
            QVERIFY2(*f.label && *f.help, f.name.c_str()); // the GUI shows both
        }
    }
}

void TestField::everyBoundIsEnforcedWithItsMessage_data()
{
    // Worker counts, queue capacities, item counts and sizes, run lengths: every integer field of
    // every scenario, one past each end, and every text field one byte too long.
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("assignment");
    QTest::addColumn<QString>("message");
    for (const Scenario* s : all_scenarios()) {
        const QString id = QString::fromUtf8(s->id());
        for (const Field& f : s->fields()) {
            const QString name = QString::fromStdString(f.name);
            if (f.kind == FieldKind::Integer) {
                const QString range = QStringLiteral("%1..%2").arg(f.min).arg(f.max);
                for (const std::int64_t bad : {f.min - 1, f.max + 1})
                    QTest::addRow("%s %s=%lld", s->id().data(), f.name.c_str(), static_cast<long long>(bad))
                        << id << QStringLiteral("%1=%2").arg(name).arg(bad)
                        << QStringLiteral("%1: must be %2, got %3").arg(name, range).arg(bad);
            } else if (f.kind == FieldKind::Text) {
                QTest::addRow("%s %s too long", s->id().data(), f.name.c_str())
                    << id << name + QLatin1Char('=') + QString(f.max + 1, QLatin1Char('a'))
                    << QStringLiteral("%1: must be at most %2 bytes long, got %3").arg(name).arg(f.max).arg(f.max + 1);
            }
        }
    }
}

void TestField::everyBoundIsEnforcedWithItsMessage()
{
    QFETCH(QString, scenario);
    QFETCH(QString, assignment);
    QFETCH(QString, message);
    const Scenario& s = *find_scenario(scenario.toStdString());
    nlohmann::json config = nlohmann::json::object();
    try {
        apply_assignment(s.fields(), config, assignment.toStdString(), s.id());
        QFAIL("accepted");
    } catch (const ConfigError& e) {
        QCOMPARE(QString::fromStdString(e.what()), message);
    }
    // The same value in a scenario file.
    const QString name = assignment.section(QLatin1Char('='), 0, 0), value = assignment.section(QLatin1Char('='), 1);
    bool isNumber = false;
    const qlonglong number = value.toLongLong(&isNumber);
    config[name.toStdString()] = isNumber ? nlohmann::json(number) : nlohmann::json(value.toStdString());
    const auto errors = validate_config(s.fields(), config, s.id());
    QCOMPARE(errors.size(), std::size_t{1});
    QCOMPARE(QString::fromStdString(errors.front().what()), message);
}

QTEST_GUILESS_MAIN(TestField)
#include "tst_field.moc"
