#include "app/screenshot.h"

#include "app/mainwindow.h"
#include "model/config/configmodel.h"
#include "scenarios/config/field.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>

QString applyAssignments(MainWindow& window, const QStringList& assignments)
{
    ConfigModel* config = window.configModel();
    if (assignments.isEmpty())
        return {};
    if (!config->scenario())
        return QStringLiteral("no scenario selected");
    nlohmann::json values = config->config();
    try {
        for (const QString& a : assignments)
            forkscope::scenarios::apply_assignment(config->scenario()->fields(), values, a.toStdString(),
                                                   config->scenario()->id());
    } catch (const forkscope::scenarios::ConfigError& e) {
        return QString::fromStdString(e.what());
    }
    config->setConfig(config->scenario(), values);
    return {};
}

void scheduleScreenshot(MainWindow& window, const QString& path, bool withRun, int atMs)
{
    MainWindow* w = &window;
    auto save = [w, path] {
        const bool ok = w->grab().save(path, "PNG");
        if (!ok)
            std::fprintf(stderr, "forkscope: --screenshot: cannot write %s\n", qPrintable(path));
        QApplication::exit(ok ? 0 : 1);
    };
    RunController* controller = window.runController();
    if (withRun && atMs >= 0) {
        QObject::connect(controller, &RunController::stateChanged, w, [w, atMs, save](RunController::State state) {
            if (state == RunController::State::Running)
                QTimer::singleShot(atMs, w, save);
        });
    } else if (withRun) {
        // A moment after the end, so the last rows and the status bar are painted.
        QObject::connect(controller, &RunController::finished, w, [w, save] { QTimer::singleShot(300, w, save); });
    } else {
        QTimer::singleShot(500, w, save);
    }
}
