#include "commandline.h"

#include "scenarios/field.h"
#include "scenarios/scenario.h"

#include <QCommandLineParser>
#include <QFileInfo>

using namespace forkscope::scenarios;

namespace {

const char* kDescription =
    "Runs ForkScope's multiprocessing scenarios with real fork()ed processes and prints what they do.\n"
    "\n"
    "Commands:\n"
    "  run <preset|scenario|file.json>  run a built-in preset, a scenario with its defaults, or a scenario file\n"
    "  presets                          list the built-in presets\n"
    "  describe <scenario>              list a scenario's fields, their ranges and defaults\n"
    "\n"
    "Exit codes: 0 the run completed, 2 bad input, 3 the run failed or was stopped.\n"
    "Example: forkscope-cli run processes --set workers=8 --set join=one-by-one";

std::optional<Preset> resolveTarget(const QString& target, QString* error)
{
    if (target.endsWith(QLatin1String(".json")) || QFileInfo(target).isFile())
        return PresetLibrary::load(target, error);
    if (auto preset = PresetLibrary::findBuiltIn(target))
        return preset;
    if (const Scenario* scenario = find_scenario(target.toStdString())) {
        Preset preset;
        preset.name = target;
        preset.scenarioId = target;
        preset.title = QString::fromUtf8(scenario->title());
        preset.config = default_config(scenario->fields());
        return preset;
    }
    QStringList known;
    for (const Preset& p : PresetLibrary::builtIn())
        known << p.name;
    for (const Scenario* s : all_scenarios()) {
        if (!known.contains(QString::fromUtf8(s->id().data(), static_cast<qsizetype>(s->id().size()))))
            known << QString::fromUtf8(s->id().data(), static_cast<qsizetype>(s->id().size()));
    }
    *error = QStringLiteral("unknown scenario '%1' (known: %2; or give a .json scenario file)").arg(target, known.join(QStringLiteral(", ")));
    return std::nullopt;
}

} // namespace

CliParse parseCommandLine(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(kDescription));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption setOption(QStringList{QStringLiteral("s"), QStringLiteral("set")},
                                       QStringLiteral("Set a config field, with the names of the scenario's JSON file "
                                                      "(repeatable; see `describe`)."),
                                       QStringLiteral("field=value"));
    parser.addOption(setOption);
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("run, presets or describe"));
    parser.addPositionalArgument(QStringLiteral("target"), QStringLiteral("preset, scenario or scenario file"),
                                 QStringLiteral("[target]"));

    CliParse result;
    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    if (parser.isSet(helpOption)) {
        result.request = CliRequest{CliRequest::Command::Help, {}};
        result.helpText = parser.helpText();
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.request = CliRequest{CliRequest::Command::Version, {}};
        return result;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        result.error = QStringLiteral("missing command (run, presets or describe); see --help");
        return result;
    }
    const QString command = positional.first();
    if (command == QLatin1String("presets")) {
        result.request = CliRequest{CliRequest::Command::Presets, {}};
        return result;
    }
    if (command != QLatin1String("run") && command != QLatin1String("describe")) {
        result.error = QStringLiteral("unknown command '%1' (commands: run, presets, describe)").arg(command);
        return result;
    }
    if (positional.size() != 2) {
        result.error = positional.size() < 2 ? QStringLiteral("%1: missing the scenario to %1").arg(command)
                                             : QStringLiteral("%1: unexpected argument '%2'").arg(command, positional[2]);
        return result;
    }
    auto preset = resolveTarget(positional[1], &result.error);
    if (!preset)
        return result;
    if (command == QLatin1String("describe")) {
        result.request = CliRequest{CliRequest::Command::Describe, *preset};
        return result;
    }
    const Scenario& scenario = *find_scenario(preset->scenarioId.toStdString());
    try {
        for (const QString& assignment : parser.values(setOption))
            apply_assignment(scenario.fields(), preset->config, assignment.toStdString(), scenario.id());
        preset->config = complete_config(scenario, preset->config);
    } catch (const ConfigError& e) {
        result.error = QString::fromStdString(e.what());
        return result;
    }
    result.request = CliRequest{CliRequest::Command::Run, *preset};
    return result;
}

QString describeScenario(const QString& scenarioId)
{
    const Scenario* scenario = find_scenario(scenarioId.toStdString());
    if (!scenario)
        return {};
    QString out = QString::fromUtf8(scenario->title()) + QStringLiteral("\n\n") + QString::fromUtf8(scenario->summary()) +
                  QStringLiteral("\n\nFields (--set field=value):\n");
    for (const Field& f : scenario->fields()) {
        QString values;
        switch (f.kind) {
        case FieldKind::Integer:
            values = QStringLiteral("%1..%2%3").arg(f.min).arg(f.max).arg(*f.unit ? QStringLiteral(" ") + QString::fromUtf8(f.unit) : QString());
            break;
        case FieldKind::Choice: {
            QStringList choices;
            for (const auto& c : f.choices)
                choices << QString::fromStdString(c);
            values = choices.join(QLatin1Char('|'));
            break;
        }
        case FieldKind::Boolean:
            values = QStringLiteral("true|false");
            break;
        }
        out += QStringLiteral("  %1  %2 (default %3)\n      %4\n")
                   .arg(QString::fromStdString(f.name), -20)
                   .arg(values, QString::fromStdString(f.default_value), QString::fromUtf8(f.help));
    }
    return out;
}

QString listPresets()
{
    QString out;
    for (const Preset& p : PresetLibrary::builtIn())
        out += QStringLiteral("%1  %2\n").arg(p.name, -20).arg(p.title);
    return out;
}
