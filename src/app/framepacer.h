#pragma once

#include <QObject>

#include <functional>

class QAbstractItemModel;
class QTimer;

// FramePacer: redraws a view at a steady rate, never per event — at most five times a second,
// and only when its model changed since the last frame.
class FramePacer : public QObject {
    Q_OBJECT

public:
    FramePacer(QObject* parent, std::function<void()> redraw);
    // The model's resets, new rows and changed data call for a frame.
    void watch(const QAbstractItemModel* model);
    void markDirty() { m_dirty = true; }
    // The view has just drawn itself.
    void drawn() { m_dirty = false; }

private:
    QTimer* m_timer;
    std::function<void()> m_redraw;
    bool m_dirty = false;
};
