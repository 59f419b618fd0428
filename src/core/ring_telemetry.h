#pragma once

// The TelemetrySink that turns the core's hooks into events in this process's EventRing, and
// counts them in its ProcessCounters (exact even when the ring is full and events are dropped).
// Install one in each worker (after fork, pointing at that worker's ring and counters):
//
//   RingTelemetry telemetry(ring, counters);
//   set_telemetry_sink(&telemetry);
//   report_state(WorkerState::Sleeping);         // and events of your own: telemetry.emit(…)

#include "core/event_clock.h"
#include "core/event_ring.h"
#include "core/liveness.h"
#include "core/process_counters.h"
#include "core/telemetry.h"

namespace forkscope::core {

class RingTelemetry final : public TelemetrySink {
public:
    explicit RingTelemetry(EventRing& ring, ProcessCounters* counters = nullptr)
        : ring_(ring), counters_(counters), owner_(current_pid())
    {
        if (counters_)
            counters_->start_counting();
    }

    void emit(EventKind kind, std::uint32_t object, std::uint64_t task, std::int64_t value,
              std::uint16_t detail = 0) noexcept
    {
        // A child forked without a ring of its own inherits this sink: it must not write into
        // ours (one writer per ring).
        if (current_pid() != owner_) [[unlikely]]
            return;
        ring_.push(TraceEvent{EventClock::now(), task, value, object, kind, detail});
    }

    void queue_put(std::uint32_t queue, std::uint64_t ticket, std::uint64_t depth, std::int64_t blocked_ns) override;
    void queue_get(std::uint32_t queue, std::uint64_t ticket, std::uint64_t depth, std::int64_t blocked_ns) override;
    void queue_recovered(std::uint32_t queue, std::int32_t dead_pid, bool lost_get) override;
    void lock_acquired(std::uint32_t lock, std::int64_t wait_ns, bool previous_owner_died) override;
    void lock_released(std::uint32_t lock, std::int64_t hold_ns) override;
    void waited(WaitKind kind, std::uint32_t object, std::int64_t blocked_ns) override;
    void state_changed(WorkerState state) override
    {
        emit(EventKind::State, 0, 0, 0, static_cast<std::uint16_t>(state));
    }
    void task_begin(std::uint32_t pool, std::uint64_t task) override;
    void task_end(std::uint32_t pool, std::uint64_t task, bool ok) override;
    void queue_created(std::uint32_t queue, std::uint64_t capacity) override
    {
        emit(EventKind::QueueCreated, queue, 0, static_cast<std::int64_t>(capacity));
    }
    void object_named(NamedObject kind, std::uint32_t object, std::string_view name) override;
    void progress(std::uint64_t done, std::uint64_t total) override
    {
        emit(EventKind::Progress, 0, total, static_cast<std::int64_t>(done));
    }

private:
    // One more of `field` for `object`, if this process counts (see emit() for the pid check).
    void count(CountedKind kind, std::uint32_t object, std::size_t field) noexcept
    {
        if (!counters_ || current_pid() != owner_) [[unlikely]]
            return;
        if (last_ == nullptr || last_kind_ != kind || last_object_ != object) [[unlikely]] {
            last_ = counters_->find_or_add(kind, object);
            last_kind_ = kind;
            last_object_ = object;
            if (!last_)
                return;
        }
        last_->add(field);
    }

    EventRing& ring_;
    ProcessCounters* counters_;
    pid_t owner_;
    // The counts used last: consecutive calls are mostly on the same queue or lock.
    ObjectCounts* last_ = nullptr;
    CountedKind last_kind_{};
    std::uint32_t last_object_ = 0;
};

} // namespace forkscope::core
