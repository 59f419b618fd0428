#pragma once

#include "model/config/presetlibrary.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ConfigDialog;
}
class ConfigFormBinder;
class ConfigModel;
class QPushButton;
class RecentFiles;

// A scenario's settings in its own Designer form (see ConfigForms), edited on a copy: Cancel
// leaves the main window's configuration as it was. Every change is validated at once; while a
// field is invalid its label is red, the problems are listed by field, and OK and Start are
// disabled. Restore Defaults goes back to the preset (or the file last opened here); Open, Recent
// and Save As read and write scenario files, which may hold another scenario.
class ConfigDialog : public QDialog {
    Q_OBJECT

public:
    ConfigDialog(const Preset& preset, const nlohmann::json& config, QWidget* parent = nullptr);
    ~ConfigDialog() override;

    // The preset being configured: the one given, or a scenario file opened in the dialog.
    [[nodiscard]] const Preset& preset() const { return m_preset; }
    [[nodiscard]] bool presetReplaced() const { return m_presetReplaced; }
    [[nodiscard]] const nlohmann::json& config() const;
    [[nodiscard]] bool isValid() const;
    // Accepted with Start rather than OK: the main window starts the run.
    [[nodiscard]] bool startRequested() const { return m_startRequested; }

    [[nodiscard]] ConfigModel* model() const { return m_model; }
    [[nodiscard]] ConfigFormBinder* binder() const { return m_binder; }
    [[nodiscard]] QPushButton* okButton() const;
    [[nodiscard]] QPushButton* startButton() const { return m_start; }

    // Without dialogs, for the buttons and for tests: false with `error` naming file and field.
    bool openFile(const QString& path, QString* error);
    bool saveFile(const QString& path, QString* error);
    void restoreDefaults();

protected:
    void changeEvent(QEvent* event) override;

private:
    void showPreset(const nlohmann::json& config);
    void updateValidity();
    void openWithDialog();
    void saveWithDialog();
    void retranslate();

    std::unique_ptr<Ui::ConfigDialog> m_ui;
    ConfigModel* m_model;
    ConfigFormBinder* m_binder = nullptr;
    QWidget* m_form = nullptr;
    QPushButton* m_start;
    RecentFiles* m_recent;
    Preset m_preset;
    bool m_presetReplaced = false;
    bool m_startRequested = false;
};
