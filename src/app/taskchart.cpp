#include "app/taskchart.h"

#include "app/appearance.h"
#include "app/chartaxes.h"
#include "app/framepacer.h"
#include "model/views/taskstatsmodel.h"

#include <QChartView>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

TaskChart::TaskChart(QWidget* parent)
    : QWidget(parent), m_throughput(new QChartView(this)), m_durations(new QChartView(this)),
      m_summary(new QLabel(this)), m_frame(new FramePacer(this, [this] { redraw(); }))
{
    for (QChartView* view : {m_throughput, m_durations}) {
        view->setRenderHint(QPainter::Antialiasing);
        Appearance::themeChart(view->chart(), palette());
        view->chart()->legend()->setVisible(false); // one series each: the title names it
    }
    m_throughput->setToolTip(tr("How many tasks finished per second over the run"));
    m_durations->setToolTip(tr("How many tasks took how long"));
    m_summary->setTextFormat(Qt::PlainText); // process names come from run files: never markup
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* charts = new QHBoxLayout; // side by side: each chart keeps the pane's height
    charts->addWidget(m_throughput, 1);
    charts->addWidget(m_durations, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(charts, 1);
    layout->addWidget(m_summary);
}

void TaskChart::setModel(TaskStatsModel* model)
{
    m_model = model;
    m_frame->watch(model);
    redraw();
}

QChart* TaskChart::throughputChart() const
{
    return m_throughput->chart();
}

QChart* TaskChart::durationsChart() const
{
    return m_durations->chart();
}

QString TaskChart::summaryText() const
{
    return m_summary->text();
}

void TaskChart::redraw()
{
    m_frame->drawn();
    const bool empty = !m_model || m_model->taskCount() == 0;
    for (QChart* c : {throughputChart(), durationsChart()}) {
        ChartAxes::clear(c);
        c->setTitle(tr("No task in this run"));
    }
    m_summary->setText(empty ? QString() : m_model->summaryText());
    m_summary->setVisible(!empty);
    if (empty)
        return;
    drawThroughput();
    drawDurations();
}

void TaskChart::drawThroughput()
{
    QChart* c = m_throughput->chart();
    c->setTitle(tr("Tasks finished per second"));
    const qint64 end = std::max<qint64>(m_model->durationNs(), 1'000'000);
    // A bucket every few pixels, but few enough that each holds some tasks: a rate made of one or
    // two tasks per bucket is mostly noise.
    const auto tasks = static_cast<int>(std::min<quint64>(m_model->taskCount(), 1'000'000));
    const int buckets = std::clamp(std::min(static_cast<int>(c->plotArea().width()) / 6, tasks / 8), 2, 400);
    const std::vector<QPointF> points = m_model->throughput(0, end, buckets);
    auto* rate = new QLineSeries(c);
    rate->setName(tr("tasks per second"));
    rate->replace(QList<QPointF>(points.begin(), points.end()));
    c->addSeries(rate);
    QValueAxis* x = ChartAxes::addTimeAxis(c, end);
    auto* y = new QValueAxis(c);
    y->setTitleText(tr("tasks per second"));
    const double top = std::max_element(points.begin(), points.end(), [](const QPointF& a, const QPointF& b) {
                           return a.y() < b.y();
                       })->y();
    y->setRange(0, std::max(top * 1.1, 1.0));
    y->applyNiceNumbers();
    y->setLabelFormat(y->max() >= 10 ? QStringLiteral("%.0f") : QStringLiteral("%.1f"));
    c->addAxis(y, Qt::AlignLeft);
    rate->attachAxis(x);
    rate->attachAxis(y);
}

void TaskChart::drawDurations()
{
    QChart* c = m_durations->chart();
    c->setTitle(tr("Task durations"));
    ChartAxes::addDistributions(c, {{tr("tasks"), m_model->durationHistogram()}}, tr("task duration"), tr("tasks"));
}

void TaskChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange) {
        Appearance::themeChart(m_throughput->chart(), palette());
        Appearance::themeChart(m_durations->chart(), palette());
        redraw();
    }
    QWidget::changeEvent(event);
}
