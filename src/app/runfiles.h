#pragma once

#include "model/files/exportformat.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <thread>

class QProgressDialog;
class RunController;
class QWidget;

// File › Export… and File › Open Run: writes the current run's recording as a Chrome/Perfetto
// trace, events CSV, task-times CSV or run file, and loads a run file back into the window.
// A large run is written on a thread of its own, behind a progress dialog that can cancel it,
// so the window goes on drawing; the recording is held meanwhile (no run starts, nothing opens).
class RunFiles : public QObject {
    Q_OBJECT

public:
    // Below this many events an export takes a blink: written at once, no progress dialog.
    static constexpr quint64 kBackgroundFrom = 200'000;

    RunFiles(RunController* controller, QWidget* dialogParent);
    ~RunFiles() override; // cancels an export still being written, and waits for its thread

    [[nodiscard]] bool canExport() const;
    [[nodiscard]] bool isExporting() const { return m_job != nullptr; }
    // Writes the recording to `path` now, on this thread; an error naming the file, or nothing.
    std::optional<QString> exportTo(ExportFormat format, const QString& path);
    // Writes it on a thread of its own with a progress dialog; exportFinished() follows. False
    // (with message()) if there is nothing to export or an export is already being written.
    bool exportInBackground(ExportFormat format, const QString& path);
    // Shows a saved run; an error naming the file and field, or nothing.
    std::optional<QString> open(const QString& path);

    // The same behind a file dialog; errors and successes are reported with message().
    void exportWithDialog(ExportFormat format);
    void openWithDialog();

signals:
    void message(const QString& text);
    void exportingChanged(bool exporting);
    // `error` is empty when the file was written; a cancelled export writes nothing.
    void exportFinished(const QString& path, const QString& error);

private:
    struct Job;
    [[nodiscard]] QString suggestedName(ExportFormat format) const;
    void onTick();
    void finishJob();

    RunController* m_controller;
    QWidget* m_parent;
    std::unique_ptr<Job> m_job;
    QProgressDialog* m_progress = nullptr;
};
