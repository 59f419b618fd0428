#pragma once

#include <QElapsedTimer>
#include <QObject>

#include <functional>

class QAbstractItemModel;

// FramePacer: redraws a costly view (a chart) on the FrameClock's ticks, never per event — only
// when its model changed since the last frame, and at most five times a second.
class FramePacer : public QObject {
    Q_OBJECT

public:
    static constexpr qint64 kMinIntervalMs = 200;

    FramePacer(QObject* parent, std::function<void()> redraw);
    // The model's resets, new rows and changed data call for a frame.
    void watch(const QAbstractItemModel* model);
    void markDirty();
    // The view has just drawn itself.
    void drawn();

private:
    void onTick();

    std::function<void()> m_redraw;
    QElapsedTimer m_sinceDrawn;
    bool m_dirty = false;
};
