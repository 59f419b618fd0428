#include "app/timelineview.h"

#include "app/frameclock.h"

#include "app/timelinestyle.h"

#include "model/report/textformat.h"
#include "model/views/timelinemodel.h"

#include <QAction>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>
#include <csignal>
#include <cstring>

using namespace TimelineStyle;

namespace {

constexpr int kLabelWidth = 170;
constexpr int kAxisHeight = 22;
constexpr int kLaneHeight = 26;
constexpr double kMinNsPerPixel = 1.0;

} // namespace

TimelineView::TimelineView(QWidget* parent) : QWidget(parent), m_flowsAction(new QAction(this))
{
    m_flowsAction->setCheckable(true);
    connect(m_flowsAction, &QAction::toggled, this, &TimelineView::setFlowsShown);
    addAction(m_flowsAction);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    retranslate();
    connect(FrameClock::instance(), &FrameClock::tick, this, [this] { // a steady frame rate, however fast events come
        if (m_dirty) {
            if (m_follow)
                showAll();
            m_dirty = false;
            update();
        }
    });
}

void TimelineView::setModel(TimelineModel* model)
{
    m_model = model;
    model->setFlowsShown(m_flowsAction->isChecked());
    connect(model, &TimelineModel::modelReset, this, &TimelineView::onModelChanged);
    connect(model, &TimelineModel::rowsInserted, this, &TimelineView::onModelChanged);
    connect(model, &TimelineModel::dataChanged, this, &TimelineView::onModelChanged);
    onModelChanged();
}

void TimelineView::onModelChanged()
{
    m_dirty = true;
    FrameClock::instance()->request();
}

void TimelineView::setFollowLive(bool follow)
{
    if (m_follow == follow)
        return;
    m_follow = follow;
    if (follow)
        showAll();
    emit followLiveChanged(follow);
}

int TimelineView::plotLeft() const
{
    return kLabelWidth;
}

qint64 TimelineView::timeAt(int x) const
{
    return m_fromNs + static_cast<qint64>((x - plotLeft()) * m_nsPerPixel);
}

int TimelineView::xOf(qint64 ns) const
{
    const double x = plotLeft() + static_cast<double>(ns - m_fromNs) / m_nsPerPixel;
    return static_cast<int>(std::clamp(x, -1e6, 1e6));
}

int TimelineView::laneAt(int y) const
{
    if (y < kAxisHeight || !m_model)
        return -1;
    const int lane = m_firstLane + (y - kAxisHeight) / kLaneHeight;
    return lane < m_model->rowCount() ? lane : -1;
}

void TimelineView::showAll()
{
    fitAll();
    update();
}

void TimelineView::fitAll()
{
    const qint64 duration = m_model ? std::max<qint64>(m_model->durationNs(), 1'000'000) : 1'000'000;
    const int plotWidth = std::max(1, width() - plotLeft() - 8);
    m_fromNs = 0;
    m_nsPerPixel = std::max(kMinNsPerPixel, static_cast<double>(duration) / plotWidth);
    m_dirty = false;
}

void TimelineView::zoom(double factor, int aroundX)
{
    const qint64 anchor = timeAt(aroundX);
    m_nsPerPixel = std::clamp(m_nsPerPixel * factor, kMinNsPerPixel, 1e12);
    m_fromNs = anchor - static_cast<qint64>((aroundX - plotLeft()) * m_nsPerPixel);
    setFollowLive(false);
    clampWindow();
    update();
}

void TimelineView::pan(int pixels)
{
    m_fromNs += static_cast<qint64>(pixels * m_nsPerPixel);
    setFollowLive(false);
    clampWindow();
    update();
}

void TimelineView::clampWindow()
{
    const qint64 duration = m_model ? m_model->durationNs() : 0;
    const auto visible = static_cast<qint64>((width() - plotLeft()) * m_nsPerPixel);
    m_fromNs = std::clamp<qint64>(m_fromNs, -visible / 2, std::max<qint64>(0, duration - visible / 2));
}

void TimelineView::highlightLane(int lane)
{
    m_highlight = lane;
    update();
}

void TimelineView::paintEvent(QPaintEvent*)
{
    // Painted before the next frame tick: fit what is there now. Not showAll(): its update()
    // from inside a paint would paint the whole timeline a second time.
    if (m_dirty && m_follow)
        fitAll();
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (!m_model || m_model->rowCount() == 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter,
                   tr("The timeline of a run appears here: start a scenario, or open a saved run."));
        return;
    }
    drawAxis(p);
    for (int lane = m_firstLane, top = kAxisHeight; lane < m_model->rowCount() && top < height();
         ++lane, top += kLaneHeight)
        drawLane(p, lane, top);
    if (m_model->flowsShown())
        drawFlows(p);
    drawDetailEnd(p);
}

// Where the recording stopped keeping detail: a dashed line down the lanes and a note by the axis.
// Past it the lanes show the run's summary (Recording::summaryOf).
void TimelineView::drawDetailEnd(QPainter& p)
{
    const qint64 horizon = m_model->recording() ? m_model->recording()->detailEndNs() : -1;
    if (horizon < 0)
        return;
    const int x = xOf(horizon);
    if (x < plotLeft() || x >= width())
        return;
    p.save();
    QColor ink = palette().color(QPalette::Text);
    p.setPen(QPen(ink, 1, Qt::DashLine));
    p.drawLine(x, kAxisHeight, x, height());
    const QString note = tr("detail not kept past here: summary");
    const int w = p.fontMetrics().horizontalAdvance(note) + 8;
    const QRect box(std::min(x + 3, width() - w), kAxisHeight + 1, w, p.fontMetrics().height() + 2);
    p.fillRect(box, palette().color(QPalette::ToolTipBase));
    p.setPen(palette().color(QPalette::ToolTipText));
    p.drawText(box, Qt::AlignCenter, note);
    p.restore();
}

void TimelineView::drawAxis(QPainter& p)
{
    p.fillRect(QRect(0, 0, width(), kAxisHeight), palette().window());
    p.setPen(palette().color(QPalette::WindowText));
    // Ticks at 1, 2 or 5 × 10^k ns, at least 90 pixels apart.
    const double minStep = 90 * m_nsPerPixel;
    double step = std::pow(10.0, std::floor(std::log10(std::max(1.0, minStep))));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (step * m >= minStep) {
            step *= m;
            break;
        }
    }
    const qint64 first = static_cast<qint64>(std::ceil(static_cast<double>(m_fromNs) / step) * step);
    for (qint64 t = std::max<qint64>(0, first); xOf(t) < width(); t += static_cast<qint64>(step)) {
        const int x = xOf(t);
        p.drawLine(x, kAxisHeight - 5, x, kAxisHeight);
        p.drawText(QRect(x + 3, 0, 120, kAxisHeight - 4), Qt::AlignLeft | Qt::AlignVCenter,
                   t == 0 ? QStringLiteral("0") : TextFormat::duration(t));
    }
    p.drawText(QRect(6, 0, kLabelWidth - 8, kAxisHeight), Qt::AlignLeft | Qt::AlignVCenter,
               m_follow ? tr("process · following") : tr("process"));
}

void TimelineView::drawLane(QPainter& p, int lane, int top)
{
    const QRect row(0, top, width(), kLaneHeight);
    if (lane == m_highlight) { // a tint of the selection colour: the palette's text stays readable on it
        const QColor base = palette().color(QPalette::Base), mark = palette().color(QPalette::Highlight);
        p.fillRect(row, QColor::fromRgbF(0.7f * base.redF() + 0.3f * mark.redF(),
                                         0.7f * base.greenF() + 0.3f * mark.greenF(),
                                         0.7f * base.blueF() + 0.3f * mark.blueF()));
    } else if (lane % 2)
        p.fillRect(row, palette().alternateBase());
    p.setPen(palette().color(QPalette::Text));
    const QString label = m_model->index(lane).data().toString();
    p.drawText(QRect(6, top, kLabelWidth - 10, kLaneHeight), Qt::AlignLeft | Qt::AlignVCenter,
               p.fontMetrics().elidedText(label, Qt::ElideMiddle, kLabelWidth - 10));

    p.save();
    p.setClipRect(QRect(plotLeft(), top, width() - plotLeft(), kLaneHeight));
    const qint64 from = timeAt(plotLeft()), to = timeAt(width());
    const struct {
        TimelineModel::Band band;
        int y, h;
    } bands[] = {{TimelineModel::Band::State, top + 1, kLaneHeight - 2},
                 {TimelineModel::Band::Task, top + 3, 11},
                 {TimelineModel::Band::Detail, top + 16, 8}};
    p.setPen(Qt::NoPen);
    for (const auto& band : bands) {
        for (const TimelineModel::Block& b : m_model->blocks(lane, band.band, from, to, m_nsPerPixel)) {
            const int x0 = xOf(b.beginNs), x1 = std::max(x0 + 1, xOf(b.endNs));
            QColor color = spanColor(b);
            if (b.summary) // the summary's coarse blocks: paler than the detail's spans
                color.setAlphaF(0.55f);
            else if (b.merged > 1)
                color = color.darker(130);
            // A pixel of gap between wide neighbours, so back-to-back tasks stay apart.
            const int w = x1 - x0 > 3 && band.band != TimelineModel::Band::State ? x1 - x0 - 1 : x1 - x0;
            p.fillRect(QRect(x0, band.y, w, band.h), color);
        }
    }
    drawSignals(p, lane, top);
    // The end: a red triangle when a signal ended it, a tick for an exit.
    const QVariant exitCode = m_model->index(lane).data(TimelineModel::ExitCodeRole);
    if (exitCode.isValid()) {
        const int x = xOf(m_model->index(lane).data(TimelineModel::ExitNsRole).toLongLong());
        if (exitCode.toInt() < 0) {
            p.setBrush(QColor(0xd3, 0x2f, 0x2f));
            p.drawPolygon(QPolygon({QPoint(x - 5, top + 2), QPoint(x + 5, top + 2), QPoint(x, top + 10)}));
        } else {
            p.setPen(QPen(palette().color(QPalette::Text), 2));
            p.drawLine(x, top + 3, x, top + kLaneHeight - 3);
        }
    }
    p.restore();
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(plotLeft(), top + kLaneHeight - 1, width(), top + kLaneHeight - 1);
}

// Stopped stretches hatched over the lane; each signal sent from ForkScope a flag with its name.
void TimelineView::drawSignals(QPainter& p, int lane, int top)
{
    const QColor ink = palette().color(QPalette::Text);
    for (const auto& [begin, end] : m_model->stoppedIntervals(lane)) {
        const int x0 = xOf(begin), x1 = std::max(x0 + 1, xOf(end));
        p.fillRect(QRect(x0, top + 1, x1 - x0, kLaneHeight - 2), QBrush(ink, Qt::BDiagPattern));
    }
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.75);
    p.setFont(small);
    for (const SignalMark& mark : m_model->signalMarks(lane)) {
        const int x = xOf(mark.timeNs);
        const QColor color =
            mark.signal == SIGKILL || mark.signal == SIGTERM ? QColor(0xd3, 0x2f, 0x2f) : QColor(0xef, 0x8a, 0x00);
        p.setPen(QPen(color, 2));
        p.drawLine(x, top + 1, x, top + kLaneHeight - 2);
        const QString name = QString::fromLatin1(sigabbrev_np(mark.signal));
        const QRect box(x + 2, top + 1, p.fontMetrics().horizontalAdvance(name) + 4, p.fontMetrics().height());
        p.fillRect(box, color);
        p.setPen(Qt::white);
        p.drawText(box, Qt::AlignCenter, name);
    }
    p.setFont(font());
    p.setPen(Qt::NoPen);
}

void TimelineView::retranslate()
{
    setToolTip(
        tr("Wheel or W/S: zoom · drag or A/D: pan · Home: whole run · F: follow the live end · L: put → get arrows"));
    m_flowsAction->setText(tr("Show Put → Get Arrows"));
    m_flowsAction->setToolTip(tr("An arrow from each queue item's put to the get that took it (L)"));
}

void TimelineView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TimelineView::setFlowsShown(bool shown)
{
    m_flowsAction->setChecked(shown);
    if (m_model)
        m_model->setFlowsShown(shown);
    update();
}

void TimelineView::drawFlows(QPainter& p)
{
    constexpr std::size_t kMaxArrows = 3000; // past that, lines fill the lanes: zoom in
    const auto flows = m_model->flows(timeAt(plotLeft()), timeAt(width()), kMaxArrows + 1);
    p.save();
    p.setClipRect(QRect(plotLeft(), kAxisHeight, width() - plotLeft(), height() - kAxisHeight));
    p.setRenderHint(QPainter::Antialiasing);
    QColor ink = palette().color(QPalette::Text);
    ink.setAlpha(150);
    p.setPen(QPen(ink, 1));
    p.setBrush(ink);
    auto yOf = [this](int lane) { return kAxisHeight + (lane - m_firstLane) * kLaneHeight + 8.0; };
    for (std::size_t i = 0; i < flows.size() && i < kMaxArrows; ++i) {
        const FlowIndex::Flow& f = flows[i];
        if (f.putLane < m_firstLane || f.getLane < m_firstLane) // scrolled out of view
            continue;
        const QPointF from(xOf(f.putNs), yOf(f.putLane)), to(xOf(f.getNs), yOf(f.getLane));
        p.drawLine(from, to);
        QLineF back(to, from);
        back.setLength(6);
        QLineF left = back, right = back;
        left.setAngle(back.angle() + 25);
        right.setAngle(back.angle() - 25);
        p.drawPolygon(QPolygonF({to, left.p2(), right.p2()}));
    }
    if (flows.size() > kMaxArrows) {
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(plotLeft(), kAxisHeight, width() - plotLeft() - 6, 18), Qt::AlignRight | Qt::AlignVCenter,
                   tr("the first %1 arrows: zoom in for the rest").arg(kMaxArrows));
    }
    p.restore();
}

std::optional<SignalMark> TimelineView::signalAt(int lane, int x) const
{
    for (const SignalMark& mark : m_model->signalMarks(lane)) {
        if (std::abs(xOf(mark.timeNs) - x) <= 4 || (x >= xOf(mark.timeNs) && x <= xOf(mark.timeNs) + 34))
            return mark;
    }
    return std::nullopt;
}

void TimelineView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ShiftModifier) { // scroll the lanes
        m_firstLane = std::clamp(m_firstLane - event->angleDelta().y() / 120, 0,
                                 std::max(0, m_model ? m_model->rowCount() - 1 : 0));
        update();
        return;
    }
    const int x = static_cast<int>(event->position().x());
    zoom(std::pow(0.8, event->angleDelta().y() / 120.0), std::max(x, plotLeft()));
}

void TimelineView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragFrom = event->pos();
        m_dragFromNs = m_fromNs;
        setCursor(Qt::ClosedHandCursor);
    }
}

void TimelineView::mouseMoveEvent(QMouseEvent* event)
{
    if (!m_dragFrom)
        return;
    m_fromNs = m_dragFromNs - static_cast<qint64>((event->pos().x() - m_dragFrom->x()) * m_nsPerPixel);
    setFollowLive(false);
    clampWindow();
    update();
}

void TimelineView::mouseReleaseEvent(QMouseEvent*)
{
    m_dragFrom.reset();
    unsetCursor();
}

void TimelineView::keyPressEvent(QKeyEvent* event)
{
    const int center = plotLeft() + (width() - plotLeft()) / 2;
    switch (event->key()) {
    case Qt::Key_W: zoom(0.8, center); break;
    case Qt::Key_S: zoom(1.25, center); break;
    case Qt::Key_A: pan(-(width() - plotLeft()) / 8); break;
    case Qt::Key_D: pan((width() - plotLeft()) / 8); break;
    case Qt::Key_Home: showAll(); break;
    case Qt::Key_F: setFollowLive(!m_follow); break;
    case Qt::Key_L: m_flowsAction->toggle(); break; // a key of the view, like W/A/S/D, not a window shortcut
    default: QWidget::keyPressEvent(event); return;
    }
}

bool TimelineView::event(QEvent* event)
{
    if (event->type() != QEvent::ToolTip || !m_model)
        return QWidget::event(event);
    const QPoint pos = static_cast<QHelpEvent*>(event)->pos();
    const int lane = laneAt(pos.y());
    if (lane < 0 || pos.x() < plotLeft()) {
        QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(),
                           lane >= 0 ? m_model->index(lane).data(Qt::ToolTipRole).toString() : toolTip(), this);
        return true;
    }
    if (const auto mark = signalAt(lane, pos.x())) {
        QToolTip::showText(
            static_cast<QHelpEvent*>(event)->globalPos(),
            tr("SIG%1 sent from ForkScope at %2")
                .arg(QString::fromLatin1(sigabbrev_np(mark->signal)), TextFormat::duration(mark->timeNs)),
            this);
        return true;
    }
    const int y = (pos.y() - kAxisHeight) % kLaneHeight;
    const auto band = y >= 15            ? TimelineModel::Band::Detail
                      : y >= 3 && y < 14 ? TimelineModel::Band::Task
                                         : TimelineModel::Band::State;
    const auto block = m_model->blockAt(lane, band, timeAt(pos.x()), static_cast<qint64>(3 * m_nsPerPixel));
    if (block)
        QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(), describe(*block, *m_model->recording()), this);
    else
        QToolTip::hideText();
    return true;
}
