#include "app/runfiles.h"

#include "model/live/runcontroller.h"
#include "model/files/runfilereader.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QProgressDialog>
#include <QSettings>

namespace {

// Below this many events an export takes a blink: no progress dialog.
constexpr quint64 kProgressFrom = 200'000;

QString lastFolder()
{
    return QSettings().value(QStringLiteral("files/lastRunFolder"), QDir::homePath()).toString();
}

void rememberFolder(const QString& path)
{
    QSettings().setValue(QStringLiteral("files/lastRunFolder"), QFileInfo(path).absolutePath());
}

} // namespace

RunFiles::RunFiles(RunController* controller, QWidget* dialogParent)
    : QObject(dialogParent), m_controller(controller), m_parent(dialogParent)
{
}

bool RunFiles::canExport() const
{
    return m_controller->wholeRecording() && !m_controller->isActive();
}

std::optional<QString> RunFiles::exportTo(ExportFormat format, const QString& path)
{
    const Recording* recording = m_controller->wholeRecording();
    if (!recording)
        return tr("There is no run to export yet.");
    std::unique_ptr<QProgressDialog> dialog;
    if (recording->events().size() >= kProgressFrom && m_parent) {
        dialog = std::make_unique<QProgressDialog>(tr("Writing %1…").arg(QFileInfo(path).fileName()), tr("Cancel"), 0, 1000, m_parent);
        dialog->setWindowModality(Qt::WindowModal);
        dialog->setMinimumDuration(300);
    }
    const exports::Progress progress = [&dialog](double fraction) {
        if (!dialog)
            return true;
        dialog->setValue(static_cast<int>(fraction * 1000));
        QApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
        return !dialog->wasCanceled();
    };
    return exports::writeExport(format, *recording, path, progress);
}

std::optional<QString> RunFiles::open(const QString& path)
{
    if (m_controller->isActive())
        return tr("A run is in progress: stop it before opening another.");
    runfile::Loaded loaded = runfile::load(path);
    if (!loaded.recording)
        return loaded.error;
    m_controller->showRecording(std::move(loaded.recording)); // cannot fail: no run is active
    return std::nullopt;
}

QString RunFiles::suggestedName(ExportFormat format) const
{
    const QString base = (m_controller->scenario().isEmpty() ? QStringLiteral("run") : m_controller->scenario()) +
                         QDateTime::currentDateTime().toString(QStringLiteral("-yyyyMMdd-HHmmss"));
    return exports::suggestedName(format, base);
}

void RunFiles::exportWithDialog(ExportFormat format)
{
    if (!canExport())
        return;
    // In ExportFormat's order.
    static const char* const titles[] = {QT_TR_NOOP("Export Trace"), QT_TR_NOOP("Export Events"),
                                         QT_TR_NOOP("Export Task Times"), QT_TR_NOOP("Save Run")};
    const QString filter = format == ExportFormat::ChromeTrace ? tr("Chrome/Perfetto traces (*.json)")
                           : format == ExportFormat::RunFile   ? tr("ForkScope runs (*.json)")
                                                               : tr("CSV files (*.csv)");
    const QString path = QFileDialog::getSaveFileName(m_parent, tr(titles[static_cast<int>(format)]),
                                                      lastFolder() + QLatin1Char('/') + suggestedName(format), filter);
    if (path.isEmpty())
        return;
    rememberFolder(path);
    if (const auto error = exportTo(format, path))
        emit message(*error);
    else
        emit message(tr("Wrote %1").arg(QDir::toNativeSeparators(path)));
}

void RunFiles::openWithDialog()
{
    const QString path = QFileDialog::getOpenFileName(m_parent, tr("Open Run"), lastFolder(), tr("ForkScope runs (*.json)"));
    if (path.isEmpty())
        return;
    rememberFolder(path);
    if (const auto error = open(path))
        emit message(*error);
    else
        emit message(tr("Opened %1").arg(QDir::toNativeSeparators(path)));
}
