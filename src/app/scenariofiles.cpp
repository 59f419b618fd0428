#include "app/scenariofiles.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace {

const QString kLastDirectory = QStringLiteral("files/lastDirectory");

QString lastDirectory()
{
    return QSettings().value(kLastDirectory, QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).toString();
}

void remember(const QString& path)
{
    QSettings().setValue(kLastDirectory, QFileInfo(path).absolutePath());
}

} // namespace

QString ScenarioFiles::chooseToOpen(QWidget* parent)
{
    const QString path = QFileDialog::getOpenFileName(parent, tr("Open Scenario"), lastDirectory(), tr("ForkScope scenarios (*.json)"));
    if (!path.isEmpty())
        remember(path);
    return path;
}

QString ScenarioFiles::chooseToSave(QWidget* parent, const QString& suggestedName)
{
    QString path = QFileDialog::getSaveFileName(parent, tr("Save Scenario As"), lastDirectory() + QLatin1Char('/') + suggestedName + QStringLiteral(".json"),
                                                tr("ForkScope scenarios (*.json)"));
    if (path.isEmpty())
        return path;
    if (!path.endsWith(QLatin1String(".json")))
        path += QStringLiteral(".json");
    remember(path);
    return path;
}
