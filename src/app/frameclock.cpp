#include "app/frameclock.h"

#include <QCoreApplication>
#include <QTimer>

FrameClock::FrameClock(QObject* parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setInterval(kIntervalMs);
    m_timer->setTimerType(Qt::PreciseTimer); // frames evenly spaced, not within 5 %
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_holders.empty())
            m_timer->stop(); // a requested tick: one only
        emit tick();
    });
}

FrameClock* FrameClock::instance()
{
    // Owned by the application, so it goes before the event loop's objects do; a test without
    // one gets a clock that lives as long as the process.
    static FrameClock* clock = new FrameClock(QCoreApplication::instance());
    return clock;
}

void FrameClock::hold(const QObject* holder, bool held)
{
    if (held) {
        if (m_holders.insert(holder).second)
            connect(holder, &QObject::destroyed, this, [this, holder] { hold(holder, false); });
        request();
        return;
    }
    m_holders.erase(holder);
    disconnect(holder, &QObject::destroyed, this, nullptr);
    // The timer runs out on its next tick once nobody holds it.
}

void FrameClock::request()
{
    if (!m_timer->isActive())
        m_timer->start();
}
