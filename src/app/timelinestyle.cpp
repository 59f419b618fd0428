#include "app/timelinestyle.h"

#include "app/timelineview.h"
#include "core/telemetry.h"
#include "model/report/textformat.h"

using forkscope::core::WorkerState;

namespace TimelineStyle {

QColor stateColor(quint8 state)
{
    switch (static_cast<WorkerState>(state)) {
    case WorkerState::Running: return {0xc8, 0xe6, 0xc9};
    case WorkerState::Sleeping: return {0xcf, 0xd8, 0xdc};
    case WorkerState::BlockedOnPut: return {0xff, 0xe0, 0xb2};
    case WorkerState::BlockedOnGet: return {0xff, 0xf9, 0xc4};
    case WorkerState::WaitingForLock: return {0xff, 0xcd, 0xd2};
    case WorkerState::HoldingLock: return {0xe1, 0xbe, 0xe7};
    case WorkerState::Done: break;
    }
    return Qt::transparent;
}

QColor spanColor(const TimelineModel::Block& b)
{
    switch (b.kind) {
    case SpanKind::State: return stateColor(b.detail);
    case SpanKind::Task: return b.detail || b.open ? QColor(0x1e, 0x88, 0xe5) : QColor(0xe5, 0x39, 0x35);
    case SpanKind::LockWait: return b.detail ? QColor(0x21, 0x21, 0x21) : QColor(0xe5, 0x39, 0x35); // dark: owner died
    case SpanKind::LockHold: return {0x8e, 0x24, 0xaa};
    case SpanKind::QueueBlocked: return b.detail ? QColor(0xfb, 0x8c, 0x00) : QColor(0xfd, 0xd8, 0x35);
    case SpanKind::Waited: return {0x6d, 0x4c, 0x41};
    }
    return Qt::gray;
}

QString describe(const TimelineModel::Block& b, const Recording& run)
{
    if (b.summary) { // past the detail kept: what the lane's summary knows
        using forkscope::core::WorkerState;
        const quint8 state = b.kind == SpanKind::QueueBlocked
                                 ? quint8(b.detail ? WorkerState::BlockedOnPut : WorkerState::BlockedOnGet)
                             : b.kind == SpanKind::LockWait ? quint8(WorkerState::WaitingForLock)
                                                            : b.detail;
        return b.kind == SpanKind::Task
                   ? TimelineView::tr("%n task(s) ended\n%1 → %2 (detail not kept: the run's summary)", nullptr,
                                      b.merged)
                         .arg(TextFormat::duration(b.beginNs), TextFormat::duration(b.endNs))
                   : TimelineView::tr("mostly %1\n%2 → %3 (detail not kept: the run's summary)")
                         .arg(TextFormat::workerState(state), TextFormat::duration(b.beginNs),
                              TextFormat::duration(b.endNs));
    }
    QString what;
    switch (b.kind) {
    case SpanKind::State: what = TextFormat::workerState(b.detail); break;
    case SpanKind::Task: what = TimelineView::tr("task %1").arg(b.task); break;
    case SpanKind::LockWait:
        what = b.detail ? TimelineView::tr("waiting for lock %1, then took it over: its owner had died holding it")
                              .arg(b.object)
                        : TimelineView::tr("waiting for lock %1").arg(b.object);
        break;
    case SpanKind::LockHold: what = TimelineView::tr("holding lock %1").arg(b.object); break;
    case SpanKind::QueueBlocked:
        what = b.detail ? TimelineView::tr("blocked on put: %1").arg(TextFormat::queueName(run, b.object))
                        : TimelineView::tr("blocked on get: %1").arg(TextFormat::queueName(run, b.object));
        break;
    case SpanKind::Waited:
        what = static_cast<forkscope::core::WaitKind>(b.detail) == forkscope::core::WaitKind::Join
                   ? TimelineView::tr("in join(), waiting for PID %1 to end").arg(b.object)
                   : TimelineView::tr("waiting on object %1").arg(b.object);
        break;
    }
    if (b.merged > 1)
        what = TimelineView::tr("%n spans, the first: %1", nullptr, b.merged).arg(what);
    return TimelineView::tr("%1\n%2 → %3 (%4)%5")
        .arg(what, TextFormat::duration(b.beginNs), TextFormat::duration(b.endNs),
             TextFormat::duration(b.endNs - b.beginNs), b.open ? TimelineView::tr(", still going") : QString());
}

} // namespace TimelineStyle
