#include "app/lockchart.h"

#include "app/appearance.h"
#include "app/chartaxes.h"
#include "app/framepacer.h"
#include "model/views/lockseriesmodel.h"

#include <QChartView>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

LockChart::LockChart(QWidget* parent)
    : QWidget(parent), m_waiters(new QChartView(this)), m_times(new QChartView(this)), m_lock(new QComboBox(this)),
      m_holders(new QLabel(this)), m_frame(new FramePacer(this, [this] { redraw(); }))
{
    for (QChartView* view : {m_waiters, m_times}) {
        view->setRenderHint(QPainter::Antialiasing);
        Appearance::themeChart(view->chart(), palette());
        view->chart()->legend()->setAlignment(Qt::AlignBottom);
    }
    m_waiters->setToolTip(tr("How many processes wait for each lock over the run"));
    m_times->setToolTip(tr("How long the acquisitions of the chosen lock waited for it, and how long they held it"));
    m_lock->setToolTip(tr("The lock whose wait and hold times are shown"));
    m_holders->setTextFormat(Qt::PlainText); // process names come from run files: never markup
    m_holders->setWordWrap(true);
    m_holders->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Side by side: the pane is wider than tall, and a chart needs height for its axes.
    auto* times = new QVBoxLayout; // the chart's title says what the choice picks
    times->addWidget(m_lock, 0, Qt::AlignLeft);
    times->addWidget(m_times, 1);
    auto* charts = new QHBoxLayout;
    charts->addWidget(m_waiters, 1);
    charts->addLayout(times, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(charts, 1);
    layout->addWidget(m_holders);

    connect(m_lock, &QComboBox::currentIndexChanged, this, [this] { m_frame->markDirty(); });
}

void LockChart::setModel(LockSeriesModel* model)
{
    m_model = model;
    m_lock->setModel(model); // its names, kept in step with the rows
    m_lock->setModelColumn(0);
    m_frame->watch(model);
    redraw();
}

QChart* LockChart::waitersChart() const
{
    return m_waiters->chart();
}

QChart* LockChart::timesChart() const
{
    return m_times->chart();
}

int LockChart::shownLock() const
{
    return m_lock->currentIndex();
}

void LockChart::setShownLock(int row)
{
    m_lock->setCurrentIndex(row);
}

void LockChart::redraw()
{
    m_frame->drawn();
    if (m_model && m_model->rowCount() > 0 && m_lock->currentIndex() < 0)
        m_lock->setCurrentIndex(0);
    drawWaiters();
    drawTimes();
    m_holders->setText(holdersText());
    m_holders->setVisible(!m_holders->text().isEmpty());
}

void LockChart::drawWaiters()
{
    QChart* c = m_waiters->chart();
    ChartAxes::clear(c);
    if (!m_model || m_model->rowCount() == 0) {
        c->setTitle(tr("No lock in this run"));
        return;
    }
    c->setTitle(tr("Processes waiting for each lock"));
    c->legend()->setVisible(m_model->rowCount() > 1); // one lock: the title names it, the height goes to the plot
    const qint64 end = std::max<qint64>(m_model->durationNs(), 1'000'000);
    const int columns = std::max(50, static_cast<int>(c->plotArea().width()));
    QValueAxis* x = ChartAxes::addTimeAxis(c, end);
    QValueAxis* y = ChartAxes::addCountAxis(c, tr("processes waiting"));
    qint64 top = 1;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, LockSeriesModel::NameColumn);
        auto* waiting = new QLineSeries(c);
        waiting->setName(index.data().toString());
        const std::vector<QPointF> points = m_model->waiters(row, 0, end, columns);
        waiting->replace(QList<QPointF>(points.begin(), points.end()));
        c->addSeries(waiting);
        waiting->attachAxis(x);
        waiting->attachAxis(y);
        top = std::max(top, index.data(LockSeriesModel::MaxWaitersRole).toLongLong());
    }
    ChartAxes::fitCounts(y, top);
}

void LockChart::drawTimes()
{
    QChart* c = m_times->chart();
    ChartAxes::clear(c);
    const int row = m_lock->currentIndex();
    m_lock->setVisible(m_model && m_model->rowCount() > 1); // a choice only when there is one
    if (!m_model || row < 0 || row >= m_model->rowCount()) {
        c->setTitle(tr("No lock in this run"));
        return;
    }
    const QString name = m_model->index(row, LockSeriesModel::NameColumn).data().toString();
    const bool drawn =
        ChartAxes::addDistributions(c,
                                    {{tr("wait (acquisitions that waited)"), m_model->waitHistogram(row)},
                                     {tr("hold"), m_model->holdHistogram(row)}},
                                    tr("time"), tr("acquisitions"));
    c->setTitle(drawn ? tr("Wait and hold times of %1").arg(name) : tr("%1: no wait or hold time yet").arg(name));
}

QString LockChart::holdersText() const
{
    if (!m_model)
        return {};
    QStringList locks;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString name = m_model->index(row, LockSeriesModel::NameColumn).data().toString();
        const QVariant pid = m_model->index(row, LockSeriesModel::HolderColumn).data(LockSeriesModel::HolderPidRole);
        locks << (pid.isValid() ? tr("%1: held by PID %2").arg(name).arg(pid.toLongLong()) : tr("%1: free").arg(name));
    }
    return locks.join(tr(" · "));
}

void LockChart::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange) {
        Appearance::themeChart(m_waiters->chart(), palette());
        Appearance::themeChart(m_times->chart(), palette());
        redraw();
    }
    QWidget::changeEvent(event);
}
