#include "progressbar.h"

#include "model/report/textformat.h"

#include <QTimer>

namespace {
constexpr qint64 kShowAfterNs = 1'000'000'000;
constexpr int kBarWidth = 30;
} // namespace

ProgressBar::ProgressBar(RunController* controller, QTextStream& err, QObject* parent)
    : QObject(parent), m_controller(controller), m_err(err), m_timer(new QTimer(this))
{
    m_timer->setInterval(200);
    connect(m_timer, &QTimer::timeout, this, &ProgressBar::draw);
    connect(controller, &RunController::stateChanged, this, [this](RunController::State state) {
        if (state == RunController::State::Running)
            m_timer->start();
        else if (state == RunController::State::Finished || state == RunController::State::Idle) {
            m_timer->stop();
            clear();
        }
    });
}

void ProgressBar::clear()
{
    if (m_shownWidth == 0)
        return;
    m_err << '\r' << QString(m_shownWidth, QLatin1Char(' ')) << '\r';
    m_err.flush();
    m_shownWidth = 0;
}

void ProgressBar::draw()
{
    const qint64 elapsed = m_controller->elapsedNs();
    const Recording* recording = m_controller->recording();
    if (elapsed < kShowAfterNs || !recording)
        return;
    QString line;
    const QString seconds = TextFormat::seconds(elapsed, 1);
    if (const auto progress = recording->progress(); progress && progress->second > 0) {
        const double fraction = std::clamp(double(progress->first) / double(progress->second), 0.0, 1.0);
        const int filled = int(fraction * kBarWidth);
        line = QStringLiteral("[%1%2] %3% %4/%5  %6 s")
                   .arg(QString(filled, QLatin1Char('#')), QString(kBarWidth - filled, QLatin1Char('.')))
                   .arg(int(fraction * 100), 3)
                   .arg(progress->first)
                   .arg(progress->second)
                   .arg(seconds);
    } else {
        line = QStringLiteral("running %1 s, %2 processes, %3 events")
                   .arg(seconds)
                   .arg(recording->lanes().size())
                   .arg(recording->eventCount());
    }
    m_err << '\r' << line;
    if (line.size() < m_shownWidth)
        m_err << QString(m_shownWidth - int(line.size()), QLatin1Char(' '));
    m_err.flush();
    m_shownWidth = std::max(m_shownWidth, int(line.size()));
}
