#pragma once

#include <QObject>

#include <set>

class QTimer;

// FrameClock: the one clock the window moves by, as a screen has one refresh. Views take in what
// a run gained, redraw, and move a replay on its ticks, never per event — however fast events
// come, the window does a frame's work a frame at a time.
//
// It ticks steadily while something moves on its own (a live run, a replay playing: each holds
// it), and otherwise only once soon after request(), so that a change (an opened run, a finished
// one, a resized chart) shows without a timer running for nothing.
class FrameClock : public QObject {
    Q_OBJECT

public:
    static constexpr int kIntervalMs = 33; // 30 frames a second: smooth enough, and cheap

    // The application's clock.
    [[nodiscard]] static FrameClock* instance();

    // Steady ticks while at least one holder wants them.
    void hold(const QObject* holder, bool held);
    [[nodiscard]] bool isHeld() const { return !m_holders.empty(); }
    // One tick, at most kIntervalMs away.
    void request();

signals:
    void tick();

private:
    explicit FrameClock(QObject* parent);

    QTimer* m_timer;
    std::set<const QObject*> m_holders;
};
