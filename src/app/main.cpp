// forkscope: the desktop application.

#include "app/appearance.h"
#include "app/language.h"
#include "app/mainwindow.h"
#include "app/screenshot.h"
#include "model/live/forkserverclient.h"
#include "scenarios/runner/fork_server.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>

int main(int argc, char** argv)
{
    // Before QApplication or any thread exists: every scenario process is forked from this server,
    // never from the threaded GUI.
    auto server = forkscope::scenarios::ForkServerProcess::spawn_or_report("forkscope");
    if (!server.running())
        return 1;

    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ForkScope"));
    QCoreApplication::setApplicationName(QStringLiteral("ForkScope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FORKSCOPE_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("forkscope"));
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/forkscope.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("See what fork()ed worker processes do."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption scenarioOption(QStringLiteral("scenario"), QStringLiteral("Select a preset at start."),
                                            QStringLiteral("name"));
    const QCommandLineOption startOption(QStringLiteral("start"),
                                         QStringLiteral("Start the selected scenario at once."));
    const QCommandLineOption setOption(QStringLiteral("set"), QStringLiteral("Set a config field (repeatable)."),
                                       QStringLiteral("field=value"));
    const QCommandLineOption languageOption(QStringLiteral("language"),
                                            QStringLiteral("UI language for this session (en, zh_CN), not saved."),
                                            QStringLiteral("code"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral(
            "Save a picture of the window to this PNG and quit (with --start: when the run finishes, or at --screenshot-at)."),
        QStringLiteral("file.png"));
    const QCommandLineOption screenshotAtOption(
        QStringLiteral("screenshot-at"), QStringLiteral("Take the --screenshot this many ms after the run starts."),
        QStringLiteral("ms"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Window size, e.g. 1200x760."),
                                        QStringLiteral("WxH"));
    parser.addOptions(
        {scenarioOption, startOption, setOption, languageOption, screenshotOption, screenshotAtOption, sizeOption});
    parser.process(app);

    Language::apply(parser.isSet(languageOption) ? parser.value(languageOption) : Language::saved());
    Appearance::apply(Appearance::saved());

    ForkServerClient client(std::move(server));
    MainWindow window(&client);
    if (parser.isSet(scenarioOption) && !window.selectPreset(parser.value(scenarioOption))) {
        std::fprintf(stderr, "forkscope: --scenario: unknown preset '%s'\n", qPrintable(parser.value(scenarioOption)));
        return 2;
    }
    if (const QString error = applyAssignments(window, parser.values(setOption)); !error.isEmpty()) {
        std::fprintf(stderr, "forkscope: --set %s\n", qPrintable(error));
        return 2;
    }
    if (parser.isSet(sizeOption)) {
        const QStringList wh = parser.value(sizeOption).split(QLatin1Char('x'));
        if (wh.size() == 2)
            window.resize(wh[0].toInt(), wh[1].toInt());
    }
    window.show();
    if (parser.isSet(screenshotOption)) {
        bool ok = true;
        const int at = parser.isSet(screenshotAtOption) ? parser.value(screenshotAtOption).toInt(&ok) : -1;
        if (!ok) {
            std::fprintf(stderr, "forkscope: --screenshot-at: not a number of milliseconds\n");
            return 2;
        }
        scheduleScreenshot(window, parser.value(screenshotOption), parser.isSet(startOption), at);
    }
    if (parser.isSet(startOption))
        window.startRun();
    return QApplication::exec();
}
