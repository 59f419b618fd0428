// forkscope-cli: the same scenarios as the GUI, headless, for scripts and CI.

#include "commandline.h"
#include "interruptwatcher.h"
#include "runprinter.h"

#include "model/forkserverclient.h"
#include "model/runcontroller.h"
#include "scenarios/fork_server.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTranslator>

#include <cstdio>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 2;
constexpr int kExitRunFailed = 3;

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
    case CliRequest::Command::Help:
        out << parsed.helpText;
        return kExitOk;
    case CliRequest::Command::Version:
        out << QStringLiteral("forkscope-cli %1\n").arg(QCoreApplication::applicationVersion());
        return kExitOk;
    case CliRequest::Command::Presets:
        out << listPresets();
        return kExitOk;
    case CliRequest::Command::Describe:
        out << describeScenario(parsed.request->preset.scenarioId);
        return kExitOk;
    case CliRequest::Command::Run:
        break;
    }

    ForkServerClient client(std::move(server));
    RunController controller(&client);
    RunPrinter printer(&controller, out);
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
    QObject::connect(&controller, &RunController::finished, &app, [](const RunSummary& summary) {
        QCoreApplication::exit(summary.outcome == forkscope::protocol::Outcome::Completed ? kExitOk : kExitRunFailed);
    });

    const Preset& preset = parsed.request->preset;
    if (!controller.start(preset.scenarioId, preset.config))
        return kExitRunFailed;
    return QCoreApplication::exec();
}
