#include "app/queuechart.h"

#include "model/queueseriesmodel.h"

#include <QLegendMarker>
#include <QLineSeries>
#include <QTimer>
#include <QValueAxis>

#include <algorithm>

QueueChart::QueueChart(QWidget* parent) : QChartView(parent), m_frame(new QTimer(this))
{
    setRenderHint(QPainter::Antialiasing);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    setToolTip(tr("How many items each queue holds over the run; its capacity is the dashed line"));
    m_frame->setInterval(200);
    connect(m_frame, &QTimer::timeout, this, [this] {
        if (m_dirty)
            redraw();
    });
    m_frame->start();
}

void QueueChart::setModel(QueueSeriesModel* model)
{
    m_model = model;
    connect(model, &QueueSeriesModel::modelReset, this, [this] { m_dirty = true; });
    connect(model, &QueueSeriesModel::rowsInserted, this, [this] { m_dirty = true; });
    connect(model, &QueueSeriesModel::dataChanged, this, [this] { m_dirty = true; });
    redraw();
}

void QueueChart::redraw()
{
    m_dirty = false;
    QChart* c = chart();
    c->removeAllSeries();
    for (QAbstractAxis* axis : c->axes())
        c->removeAxis(axis);
    if (!m_model || m_model->rowCount() == 0) {
        c->setTitle(tr("No queue in this run"));
        return;
    }
    c->setTitle(QString());
    const qint64 end = std::max<qint64>(m_model->durationNs(), 1'000'000);
    const int columns = std::max(50, static_cast<int>(c->plotArea().width()));
    auto* x = new QValueAxis(c);
    x->setTitleText(tr("seconds since the run started"));
    x->setRange(0, static_cast<double>(end) / 1e9);
    x->applyNiceNumbers();
    auto* y = new QValueAxis(c);
    y->setTitleText(tr("items in the queue"));
    y->setLabelFormat(QStringLiteral("%d"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    qint64 top = 1;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row);
        auto* depth = new QLineSeries(c);
        depth->setName(index.data().toString());
        const std::vector<QPointF> points = m_model->series(row, 0, end, columns);
        depth->replace(QList<QPointF>(points.begin(), points.end()));
        c->addSeries(depth);
        depth->attachAxis(x);
        depth->attachAxis(y);
        top = std::max(top, index.data(QueueSeriesModel::MaxDepthRole).toLongLong());
        if (const qint64 capacity = index.data(QueueSeriesModel::CapacityRole).toLongLong(); capacity > 0 && capacity <= 4 * top + 8) {
            auto* limit = new QLineSeries(c);
            limit->append(0, static_cast<double>(capacity));
            limit->append(static_cast<double>(end) / 1e9, static_cast<double>(capacity));
            QPen pen(depth->color(), 1, Qt::DashLine);
            limit->setPen(pen);
            c->addSeries(limit);
            limit->attachAxis(x);
            limit->attachAxis(y);
            c->legend()->markers(limit).first()->setVisible(false);
            top = std::max(top, capacity);
        }
    }
    // Whole items: ticks at a whole step, the top a step above the deepest point or capacity.
    const qint64 step = std::max<qint64>(1, (top + 4) / 5);
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(static_cast<double>(step));
    y->setRange(0, static_cast<double>((top / step + 1) * step));
}
