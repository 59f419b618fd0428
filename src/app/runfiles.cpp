#include "app/runfiles.h"

#include "app/frameclock.h"
#include "model/files/runfilereader.h"
#include "model/live/runcontroller.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QProgressDialog>
#include <QSettings>

namespace {

QString lastFolder()
{
    return QSettings().value(QStringLiteral("files/lastRunFolder"), QDir::homePath()).toString();
}

void rememberFolder(const QString& path)
{
    QSettings().setValue(QStringLiteral("files/lastRunFolder"), QFileInfo(path).absolutePath());
}

} // namespace

// An export being written on its thread. The thread only reads the recording (held by the
// controller until the job ends) and writes these atomics; the window reads them on its ticks.
struct RunFiles::Job {
    QString path;
    std::atomic<int> permille{0};
    std::atomic<bool> cancel{false};
    std::optional<QString> error; // written by the thread before it says it is done
    std::thread thread;
};

RunFiles::RunFiles(RunController* controller, QWidget* dialogParent)
    : QObject(dialogParent), m_controller(controller), m_parent(dialogParent)
{
    connect(FrameClock::instance(), &FrameClock::tick, this, &RunFiles::onTick);
}

RunFiles::~RunFiles()
{
    if (m_job) {
        m_job->cancel.store(true, std::memory_order_relaxed);
        m_job->thread.join();
        m_controller->holdRecording(false);
    }
}

bool RunFiles::canExport() const
{
    return m_controller->wholeRecording() && !m_controller->isActive() && !m_job;
}

std::optional<QString> RunFiles::exportTo(ExportFormat format, const QString& path)
{
    const Recording* recording = m_controller->wholeRecording();
    if (!recording)
        return tr("There is no run to export yet.");
    return exports::writeExport(format, *recording, path);
}

bool RunFiles::exportInBackground(ExportFormat format, const QString& path)
{
    const Recording* recording = m_controller->wholeRecording();
    if (!recording || m_job) {
        emit message(m_job ? tr("An export is being written: wait for it, or cancel it.")
                           : tr("There is no run to export yet."));
        return false;
    }
    m_controller->holdRecording(true);
    m_job = std::make_unique<Job>();
    m_job->path = path;
    Job* job = m_job.get();
    job->thread = std::thread([this, job, format, recording] {
        job->error = exports::writeExport(format, *recording, job->path, [job](double fraction) {
            job->permille.store(static_cast<int>(fraction * 1000), std::memory_order_relaxed);
            return !job->cancel.load(std::memory_order_relaxed);
        });
        // The job's result is published by the queued call: it runs after this store.
        QMetaObject::invokeMethod(this, &RunFiles::finishJob, Qt::QueuedConnection);
    });
    if (m_parent) {
        m_progress =
            new QProgressDialog(tr("Writing %1…").arg(QFileInfo(path).fileName()), tr("Cancel"), 0, 1000, m_parent);
        m_progress->setWindowModality(Qt::WindowModal);
        m_progress->setMinimumDuration(0); // at once: the window is held until it is written
        m_progress->setAutoClose(false);
        m_progress->setAutoReset(false);
        if (format == ExportFormat::RunFile) { // written in one go: no progress to show, nothing to cancel
            m_progress->setRange(0, 0);
            m_progress->setCancelButton(nullptr);
        }
        connect(m_progress, &QProgressDialog::canceled, this,
                [job] { job->cancel.store(true, std::memory_order_relaxed); });
        m_progress->show();
    }
    FrameClock::instance()->hold(this, true);
    emit exportingChanged(true);
    return true;
}

void RunFiles::onTick()
{
    if (!m_job || !m_progress)
        return;
    if (m_progress->wasCanceled()) // Escape, or the window closed, as well as the button
        m_job->cancel.store(true, std::memory_order_relaxed);
    else if (m_progress->maximum() > 0)
        m_progress->setValue(m_job->permille.load(std::memory_order_relaxed));
}

void RunFiles::finishJob()
{
    if (!m_job)
        return;
    m_job->thread.join();
    const std::unique_ptr<Job> job = std::move(m_job);
    FrameClock::instance()->hold(this, false);
    if (m_progress) {
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    m_controller->holdRecording(false);
    const QString error = job->error.value_or(QString());
    emit exportingChanged(false);
    emit exportFinished(job->path, error);
    emit message(error.isEmpty() ? tr("Wrote %1").arg(QDir::toNativeSeparators(job->path)) : error);
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
    if (m_controller->wholeRecording()->events().size() >= kBackgroundFrom) {
        exportInBackground(format, path); // it reports when done
        return;
    }
    if (const auto error = exportTo(format, path))
        emit message(*error);
    else
        emit message(tr("Wrote %1").arg(QDir::toNativeSeparators(path)));
}

void RunFiles::openWithDialog()
{
    const QString path =
        QFileDialog::getOpenFileName(m_parent, tr("Open Run"), lastFolder(), tr("ForkScope runs (*.json)"));
    if (path.isEmpty())
        return;
    rememberFolder(path);
    if (const auto error = open(path))
        emit message(*error);
    else
        emit message(tr("Opened %1").arg(QDir::toNativeSeparators(path)));
}
