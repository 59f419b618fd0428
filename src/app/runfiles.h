#pragma once

#include "model/files/exportformat.h"

#include <QObject>
#include <QString>

#include <optional>

class RunController;
class QWidget;

// File › Export… and File › Open Run: writes the current run's recording as a Chrome/Perfetto
// trace, events CSV, task-times CSV or run file (with a progress dialog for large runs), and
// loads a run file back into the window.
class RunFiles : public QObject {
    Q_OBJECT

public:
    RunFiles(RunController* controller, QWidget* dialogParent);

    [[nodiscard]] bool canExport() const;
    // Writes the recording to `path`; an error naming the file, or nothing.
    std::optional<QString> exportTo(ExportFormat format, const QString& path);
    // Shows a saved run; an error naming the file and field, or nothing.
    std::optional<QString> open(const QString& path);

    // The same behind a file dialog; errors and successes are reported with message().
    void exportWithDialog(ExportFormat format);
    void openWithDialog();

signals:
    void message(const QString& text);

private:
    [[nodiscard]] QString suggestedName(ExportFormat format) const;

    RunController* m_controller;
    QWidget* m_parent;
};
