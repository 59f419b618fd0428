#include "app/framepacer.h"

#include "app/frameclock.h"

#include <QAbstractItemModel>

FramePacer::FramePacer(QObject* parent, std::function<void()> redraw) : QObject(parent), m_redraw(std::move(redraw))
{
    connect(FrameClock::instance(), &FrameClock::tick, this, &FramePacer::onTick);
}

void FramePacer::watch(const QAbstractItemModel* model)
{
    connect(model, &QAbstractItemModel::modelReset, this, &FramePacer::markDirty);
    connect(model, &QAbstractItemModel::rowsInserted, this, &FramePacer::markDirty);
    connect(model, &QAbstractItemModel::dataChanged, this, &FramePacer::markDirty);
}

void FramePacer::markDirty()
{
    m_dirty = true;
    FrameClock::instance()->request();
}

void FramePacer::drawn()
{
    m_dirty = false;
    m_sinceDrawn.start();
}

void FramePacer::onTick()
{
    if (!m_dirty)
        return;
    if (!m_sinceDrawn.isValid() || m_sinceDrawn.elapsed() >= kMinIntervalMs)
        m_redraw();
    else
        FrameClock::instance()->request(); // due soon: keep a tick coming even when nothing holds the clock
}
