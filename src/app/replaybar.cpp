#include "app/replaybar.h"

#include "app/frameclock.h"

#include "model/live/runcontroller.h"
#include "model/report/textformat.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

#include <cmath>

namespace {
constexpr double kSpeeds[] = {0.1, 0.25, 0.5, 1, 2, 4, 10};
constexpr int kDefaultSpeed = 3; // 1×
} // namespace

ReplayBar::ReplayBar(QWidget* parent)
    : QWidget(parent), m_play(new QToolButton(this)), m_slider(new QSlider(Qt::Horizontal, this)),
      m_time(new QLabel(this)), m_speed(new QComboBox(this))
{
    m_play->setShortcut(Qt::Key_F6);
    m_play->setAutoRaise(true);
    m_slider->setRange(0, kSteps);
    m_slider->setValue(kSteps);
    m_slider->setPageStep(kSteps / 20);
    for (double s : kSpeeds)
        m_speed->addItem(QString(), s);
    m_speed->setCurrentIndex(kDefaultSpeed);
    m_time->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("000.000 s / 000.000 s")));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_play);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_time);
    layout->addWidget(m_speed);
    connect(FrameClock::instance(), &FrameClock::tick, this, [this] { // the views follow on the same tick
        if (m_playing)
            tick();
    });
    connect(m_play, &QToolButton::clicked, this, [this] { isPlaying() ? pause() : play(); });
    connect(m_slider, &QSlider::valueChanged, this, [this](int step) {
        if (!m_syncing)
            scrubTo(step);
    });
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] {
        if (isPlaying()) { // go on from here at the new speed
            m_playedFromNs = m_controller->replayPositionNs();
            m_clock.restart();
        }
    });
    retranslate();
    sync();
}

void ReplayBar::setController(RunController* controller)
{
    m_controller = controller;
    connect(controller, &RunController::stateChanged, this, [this] {
        if (!m_controller->canReplay())
            pause();
        sync();
    });
    connect(controller, &RunController::replayChanged, this, &ReplayBar::sync);
    sync();
}

bool ReplayBar::isPlaying() const
{
    return m_playing;
}

void ReplayBar::setPlaying(bool playing)
{
    m_playing = playing;
    FrameClock::instance()->hold(this, playing);
}

double ReplayBar::speed() const
{
    return m_speed->currentData().toDouble();
}

void ReplayBar::play()
{
    if (!m_controller || !m_controller->canReplay())
        return;
    if (!m_controller->isReplaying() || m_controller->replayPositionNs() >= m_controller->replayEndNs())
        m_controller->replayTo(0); // from the start again
    m_playedFromNs = m_controller->replayPositionNs();
    m_clock.start();
    setPlaying(true);
    sync();
}

void ReplayBar::pause()
{
    setPlaying(false);
    sync();
}

void ReplayBar::tick()
{
    const qint64 end = m_controller->replayEndNs();
    const auto t = m_playedFromNs + static_cast<qint64>(static_cast<double>(m_clock.nsecsElapsed()) * speed());
    if (t >= end) {
        setPlaying(false);
        m_controller->endReplay(); // the whole run, as it was before
    } else {
        m_controller->replayTo(t);
    }
    sync();
}

void ReplayBar::scrubTo(int step)
{
    if (!m_controller || !m_controller->canReplay())
        return;
    if (step >= kSteps) {
        pause();
        m_controller->endReplay();
    } else {
        m_controller->replayTo(
            static_cast<qint64>(std::llround(static_cast<double>(m_controller->replayEndNs()) * step / kSteps)));
        if (isPlaying()) {
            m_playedFromNs = m_controller->replayPositionNs();
            m_clock.restart();
        }
    }
    sync();
}

void ReplayBar::sync()
{
    const bool can = m_controller && m_controller->canReplay();
    setEnabled(can);
    const qint64 end = can ? m_controller->replayEndNs() : 0;
    const qint64 at = can ? m_controller->replayPositionNs() : 0;
    m_syncing = true;
    m_slider->setValue(
        end > 0 ? static_cast<int>(std::llround(static_cast<double>(at) * kSteps / static_cast<double>(end))) : kSteps);
    m_syncing = false;
    m_time->setText(can ? tr("%1 s / %2 s").arg(TextFormat::seconds(at), TextFormat::seconds(end))
                        : QString()); // nothing to replay until a run has finished
    m_play->setIcon(style()->standardIcon(isPlaying() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void ReplayBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ReplayBar::retranslate()
{
    m_play->setToolTip(tr("Replay the run from the start, or pause (F6)"));
    m_slider->setToolTip(
        tr("Replay: drag to show every view as the run was at that moment; the right end shows the whole run"));
    m_speed->setToolTip(tr("Replay speed"));
    for (int i = 0; i < m_speed->count(); ++i)
        m_speed->setItemText(i, tr("%1×").arg(kSpeeds[i]));
    sync();
}
