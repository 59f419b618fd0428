#include "app/framepacer.h"

#include <QAbstractItemModel>
#include <QTimer>

FramePacer::FramePacer(QObject* parent, std::function<void()> redraw)
    : QObject(parent), m_timer(new QTimer(this)), m_redraw(std::move(redraw))
{
    m_timer->setInterval(200);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_dirty)
            m_redraw();
    });
    m_timer->start();
}

void FramePacer::watch(const QAbstractItemModel* model)
{
    connect(model, &QAbstractItemModel::modelReset, this, &FramePacer::markDirty);
    connect(model, &QAbstractItemModel::rowsInserted, this, &FramePacer::markDirty);
    connect(model, &QAbstractItemModel::dataChanged, this, &FramePacer::markDirty);
}
