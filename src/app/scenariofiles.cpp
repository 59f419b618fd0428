#include "app/scenariofiles.h"

#include "app/recentfiles.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace {

const QString kLastDirectory = QStringLiteral("files/lastDirectory");

QString lastDirectory()
{
    return QSettings()
        .value(kLastDirectory, QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
        .toString();
}

void remember(const QString& path)
{
    QSettings().setValue(kLastDirectory, QFileInfo(path).absolutePath());
}

} // namespace

QString ScenarioFiles::chooseToOpen(QWidget* parent)
{
    const QString path =
        QFileDialog::getOpenFileName(parent, tr("Open Scenario"), lastDirectory(), tr("ForkScope scenarios (*.json)"));
    if (!path.isEmpty())
        remember(path);
    return path;
}

QString ScenarioFiles::chooseToSave(QWidget* parent, const QString& suggestedName)
{
    QString path = QFileDialog::getSaveFileName(
        parent, tr("Save Scenario As"), lastDirectory() + QLatin1Char('/') + suggestedName + QStringLiteral(".json"),
        tr("ForkScope scenarios (*.json)"));
    if (path.isEmpty())
        return path;
    if (!path.endsWith(QLatin1String(".json")))
        path += QStringLiteral(".json");
    remember(path);
    return path;
}

std::optional<Preset> ScenarioFiles::open(const QString& path, QString* error)
{
    auto preset = PresetLibrary::load(path, error);
    if (preset)
        RecentFiles::add(path);
    return preset;
}

bool ScenarioFiles::save(const QString& path, const Preset& preset, const nlohmann::json& config, QString* error)
{
    if (!PresetLibrary::save(path, preset.scenarioId, preset.title, config, error))
        return false;
    RecentFiles::add(path);
    return true;
}
