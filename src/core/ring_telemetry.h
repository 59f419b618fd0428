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
    // `calibration`: the run's, to measure task times in ns as its reader will.
    explicit RingTelemetry(EventRing& ring, ProcessCounters* counters = nullptr,
                           const ClockCalibration& calibration = {})
        : ring_(ring), counters_(counters), owner_(current_pid()), calibration_(calibration)
    {
        if (counters_)
            counters_->start_counting();
    }

    void emit(EventKind kind, std::uint32_t object, std::uint64_t task, std::int64_t value,
              std::uint16_t detail = 0) noexcept
    {
        emit_at(EventClock::now(), kind, object, task, value, detail);
    }

    void queue_put(std::uint32_t queue, std::uint64_t ticket, std::uint64_t depth, std::int64_t blocked_ns) override;
    void queue_get(std::uint32_t queue, std::uint64_t ticket, std::uint64_t depth, std::int64_t blocked_ns) override;
    void queue_recovered(std::uint32_t queue, std::int32_t dead_pid, bool lost_get) override;
    void lock_acquired(std::uint32_t lock, std::int64_t wait_ns, bool previous_owner_died) override;
    void lock_released(std::uint32_t lock, std::int64_t hold_ns) override;
    void waited(WaitKind kind, std::uint32_t object, std::int64_t blocked_ns) override;
    void state_changed(WorkerState state) override;
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
    void emit_at(std::uint64_t ticks, EventKind kind, std::uint32_t object, std::uint64_t task, std::int64_t value,
                 std::uint16_t detail = 0) noexcept
    {
        // A child forked without a ring of its own inherits this sink: it must not write into
        // ours (one writer per ring).
        if (current_pid() != owner_) [[unlikely]]
            return;
        ring_.push(TraceEvent{ticks, task, value, object, kind, detail});
    }

    // The counts of `object`, if this process counts (see emit_at() for the pid check).
    ObjectCounts* counts_of(CountedKind kind, std::uint32_t object) noexcept
    {
        if (!counters_ || current_pid() != owner_) [[unlikely]]
            return nullptr;
        if (last_ == nullptr || last_kind_ != kind || last_object_ != object) [[unlikely]] {
            last_ = counters_->find_or_add(kind, object);
            last_kind_ = kind;
            last_object_ = object;
        }
        return last_;
    }
    // One more of `field` for `object`.
    void count(CountedKind kind, std::uint32_t object, std::size_t field) noexcept
    {
        if (ObjectCounts* counts = counts_of(kind, object))
            counts->add(field);
    }
    // A duration into `object`'s histogram `which`.
    void time(CountedKind kind, std::uint32_t object, std::size_t which, std::int64_t ns) noexcept
    {
        if (ObjectCounts* counts = counts_of(kind, object)) {
            if (SharedHistogram* h = counters_->histogram(counters_->slot_of(counts), which))
                h->add(ns);
            else
                counters_->count_untimed();
        }
    }

    EventRing& ring_;
    ProcessCounters* counters_;
    pid_t owner_;
    ClockCalibration calibration_;
    std::uint64_t task_begin_ = 0; // ticks: the task this process runs began then
    // The counts used last: consecutive calls are mostly on the same queue or lock.
    ObjectCounts* last_ = nullptr;
    CountedKind last_kind_{};
    std::uint32_t last_object_ = 0;
};

} // namespace forkscope::core
