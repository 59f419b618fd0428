#pragma once

#include "model/config/presetlibrary.h"
#include "model/live/runcontroller.h"

#include <QMainWindow>

#include <memory>

namespace Ui {
class MainWindow;
}
class ConfigModel;
class ForkServerClient;
class PresetModel;
class QLabel;
class ProcessTableProxy;
class OutputLog;
class RecentFiles;
class RunFiles;
class RunViews;

// Pick a scenario, adjust it, press Start and watch the processes: the live process table, each
// process's output and the run's wall time.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(ForkServerClient* client, QWidget* parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] RunController* runController() const { return m_controller; }
    [[nodiscard]] ConfigModel* configModel() const { return m_config; }
    // Selects a preset by name ("processes"); false if there is none.
    bool selectPreset(const QString& name);
    void startRun();
    [[nodiscard]] RunFiles* runFiles() const { return m_runFiles; }

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void presetSelected();
    void configChanged();
    void runStateChanged();
    void showMessage(const QString& text);
    void updateActions();
    void signalSelected(int signal);
    [[nodiscard]] qint64 selectedPid() const;
    [[nodiscard]] QWidget* currentView() const; // the chart or timeline on show
    void updateStatus();
    void openScenario();
    void openScenarioFile(const QString& path);
    void configure();
    void saveScenarioAs();
    void resetConfig();
    void showAbout();
    void buildSettingsMenus();
    void retranslate();
    void restoreSettings();
    void saveSettings() const;

    std::unique_ptr<Ui::MainWindow> m_ui;
    RunController* m_controller;
    PresetModel* m_presets;
    ConfigModel* m_config;
    ProcessTableProxy* m_processProxy;
    RunFiles* m_runFiles;
    RecentFiles* m_recent;
    OutputLog* m_output = nullptr; // made once the form is set up
    RunViews* m_views = nullptr; // made once the form is set up
    QLabel* m_stateLabel;
    QLabel* m_wallTimeLabel;
    QLabel* m_eventsMissingLabel; // shown while the views leave events out
    std::optional<Preset> m_preset; // the selected one, for Reset
};
