#pragma once

#include "model/config/presetlibrary.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

class QWidget;

// Scenario files (*.json) as the main window and the configuration dialog open and save them:
// the file dialogs, which start in the folder used last, and reading and writing, which keep the
// recent files' list.
class ScenarioFiles {
    Q_DECLARE_TR_FUNCTIONS(ScenarioFiles)

public:
    // The file to open, or empty if the user cancelled.
    [[nodiscard]] static QString chooseToOpen(QWidget* parent);
    // The file to write (".json" added if missing), or empty if the user cancelled.
    [[nodiscard]] static QString chooseToSave(QWidget* parent, const QString& suggestedName);

    // PresetLibrary::load and ::save, and a file read or written joins the recent files.
    [[nodiscard]] static std::optional<Preset> open(const QString& path, QString* error);
    [[nodiscard]] static bool save(const QString& path, const Preset& preset, const nlohmann::json& config,
                                   QString* error);
};
