#include "core/ring_telemetry.h"

#include "core/object_name.h"

namespace forkscope::core {

// A call that blocked is reported as a QueueBlocked event with its duration before the put or
// get itself, so the timeline can draw the wait as a span ending where the call returned.
void RingTelemetry::queue_put(std::uint32_t queue, std::uint64_t ticket, std::uint64_t depth, std::int64_t blocked_ns)
{
    count(CountedKind::Queue, queue, counted::Puts);
    if (blocked_ns > 0) {
        count(CountedKind::Queue, queue, counted::BlockedPuts);
        time(CountedKind::Queue, queue, counted::PutBlockedNs, blocked_ns);
        emit(EventKind::QueueBlocked, queue, ticket, blocked_ns, 1);
    }
    emit(EventKind::QueuePut, queue, ticket, static_cast<std::int64_t>(depth), blocked_ns > 0);
}

void RingTelemetry::queue_get(std::uint32_t queue, std::uint64_t ticket, std::uint64_t depth, std::int64_t blocked_ns)
{
    count(CountedKind::Queue, queue, counted::Gets);
    if (blocked_ns > 0) {
        count(CountedKind::Queue, queue, counted::BlockedGets);
        time(CountedKind::Queue, queue, counted::GetBlockedNs, blocked_ns);
        emit(EventKind::QueueBlocked, queue, ticket, blocked_ns, 0);
    }
    emit(EventKind::QueueGet, queue, ticket, static_cast<std::int64_t>(depth), blocked_ns > 0);
}

void RingTelemetry::queue_recovered(std::uint32_t queue, std::int32_t dead_pid, bool lost_get)
{
    count(CountedKind::Queue, queue, lost_get ? counted::LostGets : counted::LostPuts);
    emit(EventKind::QueueRecovered, queue, 0, dead_pid, lost_get);
}

void RingTelemetry::lock_acquired(std::uint32_t lock, std::int64_t wait_ns, bool previous_owner_died)
{
    count(CountedKind::Lock, lock, counted::Acquisitions);
    time(CountedKind::Lock, lock, counted::WaitNs, wait_ns);
    if (wait_ns > 0)
        count(CountedKind::Lock, lock, counted::Contended);
    if (previous_owner_died)
        count(CountedKind::Lock, lock, counted::OwnerDied);
    emit(EventKind::LockAcquired, lock, 0, wait_ns, previous_owner_died);
}

void RingTelemetry::lock_released(std::uint32_t lock, std::int64_t hold_ns)
{
    time(CountedKind::Lock, lock, counted::HoldNs, hold_ns);
    emit(EventKind::LockReleased, lock, 0, hold_ns);
}

void RingTelemetry::waited(WaitKind kind, std::uint32_t object, std::int64_t blocked_ns)
{
    emit(EventKind::Waited, object, 0, blocked_ns, static_cast<std::uint16_t>(kind));
}

void RingTelemetry::state_changed(WorkerState state)
{
    const std::uint64_t now = EventClock::now();
    if (counters_ && current_pid() == owner_)
        counters_->enter_state(state, now);
    emit_at(now, EventKind::State, 0, 0, 0, static_cast<std::uint16_t>(state));
}

void RingTelemetry::task_begin(std::uint32_t pool, std::uint64_t task)
{
    task_begin_ = EventClock::now();
    emit_at(task_begin_, EventKind::TaskBegin, pool, task, 0);
}

// The task's time is the one its TaskBegin and TaskEnd events span, to the nanosecond: the same
// ticks, converted as the reader converts them.
void RingTelemetry::task_end(std::uint32_t pool, std::uint64_t task, bool ok)
{
    const std::uint64_t now = EventClock::now();
    count(CountedKind::Tasks, pool, counted::Done);
    if (!ok)
        count(CountedKind::Tasks, pool, counted::Failed);
    time(CountedKind::Tasks, pool, counted::TaskNs, calibration_.to_ns(now) - calibration_.to_ns(task_begin_));
    emit_at(now, EventKind::TaskEnd, pool, task, ok ? 1 : 0);
}

void RingTelemetry::object_named(NamedObject kind, std::uint32_t object, std::string_view name)
{
    const PackedName packed = pack_object_name(name);
    emit(EventKind::ObjectNamed, object, packed.task, packed.value, static_cast<std::uint16_t>(kind));
}

} // namespace forkscope::core
