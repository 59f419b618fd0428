#include "app/queuechart.h"

#include "app/appearance.h"
#include "app/chartaxes.h"
#include "app/framepacer.h"
#include "model/report/textformat.h"
#include "model/views/queueseriesmodel.h"

#include <QEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

QueueChart::QueueChart(QWidget* parent) : QChartView(parent), m_frame(new FramePacer(this, [this] { redraw(); }))
{
    setRenderHint(QPainter::Antialiasing);
    Appearance::themeChart(chart(), palette());
    chart()->legend()->setAlignment(Qt::AlignBottom);
    setToolTip(tr("How many items each queue holds over the run; its capacity is the dashed line"));
}

void QueueChart::setModel(QueueSeriesModel* model)
{
    m_model = model;
    m_frame->watch(model);
    redraw();
}

void QueueChart::redraw()
{
    m_frame->drawn();
    QChart* c = chart();
    ChartAxes::clear(c);
    if (!m_model || m_model->rowCount() == 0) {
        c->setTitle(tr("No queue in this run"));
        return;
    }
    const qint64 horizon = m_model->recording() ? m_model->recording()->detailEndNs() : -1;
    c->setTitle(horizon < 0 ? QString()
                            : tr("Past %1 s the detail was not kept: the lines show each moment's lowest, highest "
                                 "and last depth")
                                  .arg(TextFormat::seconds(horizon)));
    const qint64 end = std::max<qint64>(m_model->durationNs(), 1'000'000);
    const int columns = std::max(50, static_cast<int>(c->plotArea().width()));
    QValueAxis* x = ChartAxes::addTimeAxis(c, end);
    QValueAxis* y = ChartAxes::addCountAxis(c, tr("items in the queue"));
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
        if (const qint64 capacity = index.data(QueueSeriesModel::CapacityRole).toLongLong();
            capacity > 0 && capacity <= 4 * top + 8) {
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
    ChartAxes::fitCounts(y, top); // whole items, the top a step above the deepest point or capacity
}

void QueueChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange) {
        Appearance::themeChart(chart(), palette());
        redraw();
    }
    QChartView::changeEvent(event);
}
