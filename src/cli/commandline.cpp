#include "commandline.h"

#include "scenarios/config/field.h"
#include "scenarios/programs/programs.h"
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
    "  show <run.json>                  print what a saved run did\n"
    "\n"
    "Exit codes: 0 the run completed, 2 bad input, 3 the run failed or was stopped.\n"
    "Examples:\n"
    "  forkscope-cli run processes --set workers=8 --set join=one-by-one\n"
    "  forkscope-cli run processes --export run.json --export trace.json   (open trace.json in ui.perfetto.dev)";

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
    *error = QStringLiteral("unknown scenario '%1' (known: %2; or give a .json scenario file)")
                 .arg(target, known.join(QStringLiteral(", ")));
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
    const QCommandLineOption exportOption(
        QStringList{QStringLiteral("e"), QStringLiteral("export")},
        QStringLiteral("After the run, write it to a file (repeatable): NAME.json is a run "
                       "file for `show`; trace.json or *.trace.json a Chrome/Perfetto trace; "
                       "events.csv / *.events.csv every event; tasks.csv / *.tasks.csv task "
                       "timings. Or prefix the format: trace:, events:, tasks:, run:."),
        QStringLiteral("file"));
    parser.addOption(exportOption);
    const QCommandLineOption progressOption(
        QStringLiteral("progress"), QStringLiteral("Draw a progress bar on stderr even when it is not a terminal."));
    const QCommandLineOption noProgressOption(QStringLiteral("no-progress"),
                                              QStringLiteral("Never draw a progress bar."));
    parser.addOption(progressOption);
    parser.addOption(noProgressOption);
    const QCommandLineOption overwriteOption(
        QStringLiteral("overwrite"),
        QStringLiteral("Let the run replace existing files (the same as --set overwrite=true; "
                       "for scenarios that write files, like folder-copy)."));
    parser.addOption(overwriteOption);
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("run, presets, describe or show"));
    parser.addPositionalArgument(QStringLiteral("target"), QStringLiteral("preset, scenario or scenario file"),
                                 QStringLiteral("[target]"));

    CliParse result;
    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    if (parser.isSet(helpOption)) {
        result.request = CliRequest{CliRequest::Command::Help, {}, {}, {}, {}};
        result.helpText = parser.helpText();
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.request = CliRequest{CliRequest::Command::Version, {}, {}, {}, {}};
        return result;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        result.error = QStringLiteral("missing command (run, presets or describe); see --help");
        return result;
    }
    const QString command = positional.first();
    if (command == QLatin1String("presets")) {
        result.request = CliRequest{CliRequest::Command::Presets, {}, {}, {}, {}};
        return result;
    }
    if (command != QLatin1String("run") && command != QLatin1String("describe") && command != QLatin1String("show")) {
        result.error = QStringLiteral("unknown command '%1' (commands: run, presets, describe, show)").arg(command);
        return result;
    }
    if (positional.size() != 2) {
        result.error = positional.size() < 2
                           ? QStringLiteral("%1: missing the scenario to %1").arg(command)
                           : QStringLiteral("%1: unexpected argument '%2'").arg(command, positional[2]);
        return result;
    }
    if (command == QLatin1String("show")) {
        CliRequest request{CliRequest::Command::Show, {}, {}, {}, positional[1]};
        result.request = request;
        return result;
    }
    auto preset = resolveTarget(positional[1], &result.error);
    if (!preset)
        return result;
    if (command == QLatin1String("describe")) {
        result.request = CliRequest{CliRequest::Command::Describe, *preset, {}, {}, {}};
        return result;
    }
    const Scenario& scenario = *find_scenario(preset->scenarioId.toStdString());
    try {
        for (const QString& assignment : parser.values(setOption))
            apply_assignment(scenario.fields(), preset->config, assignment.toStdString(), scenario.id());
        if (parser.isSet(overwriteOption)) {
            if (!find_field(scenario.fields(), "overwrite")) {
                result.error = QStringLiteral("--overwrite: scenario %1 writes no files").arg(preset->scenarioId);
                return result;
            }
            preset->config["overwrite"] = true;
        }
        preset->config = complete_config(scenario, preset->config);
        if (command == QLatin1String("run"))
            scenario.check_environment(preset->config);
    } catch (const ConfigError& e) {
        result.error = QString::fromStdString(e.what());
        return result;
    }
    CliRequest request{CliRequest::Command::Run, *preset, {}, {}, {}};
    for (const QString& value : parser.values(exportOption)) {
        request.exports.append(parseExport(value, &result.error));
        if (!result.error.isEmpty())
            return result;
    }
    if (parser.isSet(progressOption) && parser.isSet(noProgressOption)) {
        result.error = QStringLiteral("--progress and --no-progress: choose one");
        return result;
    }
    if (parser.isSet(progressOption) || parser.isSet(noProgressOption))
        request.progress = parser.isSet(progressOption);
    result.request = request;
    return result;
}

exports::Target parseExport(const QString& value, QString* error)
{
    const auto target = exports::targetFor(value);
    if (!target) {
        *error = QStringLiteral("--export %1: unknown format (name it *.json, trace.json, events.csv or tasks.csv, "
                                "or prefix it with trace:, events:, tasks: or run:)")
                     .arg(value);
        return exports::Target{ExportFormat::RunFile, value};
    }
    const exports::Target e = *target;
    const QFileInfo file(e.path);
    const QFileInfo folder(file.absolutePath());
    if (e.path.isEmpty() || file.fileName().isEmpty())
        *error = QStringLiteral("--export %1: no file name").arg(value);
    else if (!folder.isDir())
        *error = QStringLiteral("--export %1: folder %2 does not exist").arg(value, folder.absoluteFilePath());
    else if (!folder.isWritable())
        *error = QStringLiteral("--export %1: folder %2 is not writable").arg(value, folder.absoluteFilePath());
    else if (file.isDir())
        *error = QStringLiteral("--export %1: is a folder").arg(value);
    return e;
}

QString describeScenario(const QString& scenarioId)
{
    const Scenario* scenario = find_scenario(scenarioId.toStdString());
    if (!scenario)
        return {};
    QString out = QString::fromUtf8(scenario->title()) + QStringLiteral("\n\n") +
                  QString::fromUtf8(scenario->summary()) + QStringLiteral("\n\nFields (--set field=value):\n");
    for (const Field& f : scenario->fields()) {
        QString values;
        switch (f.kind) {
        case FieldKind::Integer:
            values = QStringLiteral("%1..%2%3")
                         .arg(f.min)
                         .arg(f.max)
                         .arg(*f.unit ? QStringLiteral(" ") + QString::fromUtf8(f.unit) : QString());
            break;
        case FieldKind::Choice: {
            QStringList choices;
            for (const auto& c : f.choices)
                choices << QString::fromStdString(c);
            values = choices.join(QLatin1Char('|'));
            break;
        }
        case FieldKind::Boolean: values = QStringLiteral("true|false"); break;
        case FieldKind::Text: values = QStringLiteral("text"); break;
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
