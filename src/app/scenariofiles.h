#pragma once

#include <QCoreApplication>
#include <QString>

class QWidget;

// The file dialogs for scenario files (*.json), shared by the main window and the configuration
// dialog; they start in the folder used last.
class ScenarioFiles {
    Q_DECLARE_TR_FUNCTIONS(ScenarioFiles)

public:
    // The file to open, or empty if the user cancelled.
    [[nodiscard]] static QString chooseToOpen(QWidget* parent);
    // The file to write (".json" added if missing), or empty if the user cancelled.
    [[nodiscard]] static QString chooseToSave(QWidget* parent, const QString& suggestedName);
};
