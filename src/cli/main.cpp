// forkscope-cli: the same scenarios as the GUI, headless, for scripts and CI.

#include "commandline.h"
#include "interruptwatcher.h"
#include "progressbar.h"
#include "runprinter.h"

#include "model/files/exportformat.h"
#include "model/files/runfilereader.h"
#include "model/live/forkserverclient.h"
#include "model/live/runcontroller.h"
#include "model/report/recordingreport.h"
#include "model/report/textformat.h"
#include "scenarios/runner/fork_server.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTranslator>

#include <cstdio>

#include <unistd.h>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 2;
constexpr int kExitRunFailed = 3;

// `show run.json`: what the saved run was and did.
int showRun(const QString& path, QTextStream& out, QTextStream& err)
{
    const runfile::Loaded loaded = runfile::load(path);
    if (!loaded.recording) {
        err << QStringLiteral("forkscope-cli: %1\n").arg(loaded.error);
        return kExitBadInput;
    }
    const Recording& r = *loaded.recording;
    out << QStringLiteral("run of %1, config %2\n").arg(r.scenario(), QString::fromStdString(r.configJson()));
    out << QStringLiteral("%1, %2 processes\n\n")
               .arg(r.finished()
                        ? QStringLiteral("finished after %1").arg(TextFormat::duration(r.durationNs()))
                        : QStringLiteral("saved while running, at %1").arg(TextFormat::duration(r.durationNs())))
               .arg(r.lanes().size());
    out << QStringLiteral("  %1 %2 %3 %4 %5\n")
               .arg(QStringLiteral("process"), -16)
               .arg(QStringLiteral("role"), -10)
               .arg(QStringLiteral("pid"), 8)
               .arg(QStringLiteral("tasks"), 6)
               .arg(QStringLiteral("exit"));
    for (const Lane& lane : r.lanes()) {
        out << QStringLiteral("  %1 %2 %3 %4 %5\n")
                   .arg(lane.name, -16)
                   .arg(lane.role, -10)
                   .arg(lane.pid, 8)
                   .arg(lane.tasksDone, 6)
                   .arg(lane.exitCode ? TextFormat::exitCode(lane.exitCode) : QStringLiteral("-"));
    }
    out << QLatin1Char('\n') << RecordingReport::text(r);
    return kExitOk;
}

// The --export files, once the run is over. False if one could not be written.
bool writeExports(const QList<exports::Target>& targets, const Recording& recording, QTextStream& out, QTextStream& err)
{
    bool ok = true;
    for (const exports::Target& e : targets) {
        if (const auto error = exports::writeExport(e.format, recording, e.path)) {
            err << QStringLiteral("forkscope-cli: %1\n").arg(*error);
            ok = false;
        } else {
            out << QStringLiteral("exported %1 to %2\n").arg(exports::formatName(e.format), e.path);
        }
    }
    out.flush();
    err.flush();
    return ok;
}

} // namespace

int main(int argc, char** argv)
{
    // First, while this process has one thread: every worker is forked from this server.
    auto server = forkscope::scenarios::ForkServerProcess::spawn_or_report("forkscope-cli");
    if (!server.running())
        return kExitRunFailed;

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("forkscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FORKSCOPE_VERSION));
    // English only, but with its plural forms ("1 worker", "3 workers").
    QTranslator english;
    if (english.load(QStringLiteral(":/i18n/forkscope_en.qm")))
        QCoreApplication::installTranslator(&english);
    QTextStream out(stdout);
    QTextStream err(stderr);

    const CliParse parsed = parseCommandLine(QCoreApplication::arguments());
    if (!parsed.request) {
        err << QStringLiteral("forkscope-cli: %1\n").arg(parsed.error);
        return kExitBadInput;
    }
    switch (parsed.request->command) {
    case CliRequest::Command::Help: out << parsed.helpText; return kExitOk;
    case CliRequest::Command::Version:
        out << QStringLiteral("forkscope-cli %1\n").arg(QCoreApplication::applicationVersion());
        return kExitOk;
    case CliRequest::Command::Presets: out << listPresets(); return kExitOk;
    case CliRequest::Command::Describe: out << describeScenario(parsed.request->preset.scenarioId); return kExitOk;
    case CliRequest::Command::Show: return showRun(parsed.request->runFile, out, err);
    case CliRequest::Command::Run: break;
    }

    ForkServerClient client(std::move(server));
    RunController controller(&client);
    RunPrinter printer(&controller, out);
    std::unique_ptr<ProgressBar> progress;
    if (parsed.request->progress.value_or(::isatty(STDERR_FILENO) == 1)) {
        progress = std::make_unique<ProgressBar>(&controller, err);
        printer.setBeforePrint([&progress] { progress->clear(); });
    }
    InterruptWatcher interrupts;
    QObject::connect(&interrupts, &InterruptWatcher::interrupted, &app, [&](int count) {
        if (count == 1 && controller.state() == RunController::State::Running) {
            err << QStringLiteral("forkscope-cli: stopping the run (Ctrl-C again to kill it at once)\n");
            err.flush();
            controller.stop();
        } else {
            QCoreApplication::exit(kExitRunFailed); // the client's destructor kills every process
        }
    });
    QObject::connect(&controller, &RunController::failed, &app, [&](const QString& message) {
        err << QStringLiteral("forkscope-cli: %1\n").arg(message);
        err.flush();
        if (!controller.isActive())
            QCoreApplication::exit(kExitRunFailed);
    });
    const QList<exports::Target> exportsWanted = parsed.request->exports;
    QObject::connect(&controller, &RunController::finished, &app, [&](const RunSummary& summary) {
        // A stopped or failed run is exported too: what it did up to then is worth keeping.
        const bool exported = !controller.recording() || writeExports(exportsWanted, *controller.recording(), out, err);
        QCoreApplication::exit(summary.outcome == forkscope::protocol::Outcome::Completed && exported ? kExitOk
                                                                                                      : kExitRunFailed);
    });

    const Preset& preset = parsed.request->preset;
    if (!controller.start(preset.scenarioId, preset.config))
        return kExitRunFailed;
    return QCoreApplication::exec();
}
