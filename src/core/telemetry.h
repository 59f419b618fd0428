#pragma once

// The hooks through which the core reports what its primitives do, for the telemetry layer
// (event rings, issue 4). With no sink installed each hook costs one load and a not-taken branch,
// and no clock is read. The sink is per process; a child forked by core::Process inherits it
// (the telemetry layer decides what a child writes to).

#include "core/trace_event.h"

#include <cstdint>
#include <string_view>

namespace forkscope::core {

// The objects whose waits the sink hears about through waited().
enum class WaitKind : std::uint8_t { Semaphore, Event, Condition, Barrier, Join }; // Join: object is the child's pid

class TelemetrySink {
public:
    virtual ~TelemetrySink() = default;
    // After a successful put/get: the queue's depth then, and how long the call was blocked.
    virtual void queue_put(std::uint32_t queue, std::uint64_t ticket, std::uint64_t depth, std::int64_t blocked_ns) = 0;
    virtual void queue_get(std::uint32_t queue, std::uint64_t ticket, std::uint64_t depth, std::int64_t blocked_ns) = 0;
    // A put or get of a dead process was cleaned up (lost_put: its item never arrived; lost_get:
    // the item it was taking is gone with it).
    virtual void queue_recovered(std::uint32_t queue, std::int32_t dead_pid, bool lost_get) = 0;
    virtual void lock_acquired(std::uint32_t lock, std::int64_t wait_ns, bool previous_owner_died) = 0;
    virtual void lock_released(std::uint32_t lock, std::int64_t hold_ns) = 0;
    // After a Semaphore, Event, Condition or Barrier wait that blocked, with how long.
    virtual void waited(WaitKind kind, std::uint32_t object, std::int64_t blocked_ns) = 0;
    // What the process is doing now (the timeline's colours): sleeping, done, …
    virtual void state_changed(WorkerState state) = 0;
    // In a pool worker, around each task.
    virtual void task_begin(std::uint32_t pool, std::uint64_t task) = 0;
    virtual void task_end(std::uint32_t pool, std::uint64_t task, bool ok) = 0;
    // A queue was made, with room for `capacity` items. Optional for a sink.
    virtual void queue_created(std::uint32_t /*queue*/, std::uint64_t /*capacity*/) {}
    // An object was given a name to show instead of its number ("pool results"). Optional.
    virtual void object_named(NamedObject /*kind*/, std::uint32_t /*object*/, std::string_view /*name*/) {}
    // Scenario code: how far the run is (items copied of all, …). Optional for a sink.
    virtual void progress(std::uint64_t /*done*/, std::uint64_t /*total*/) {}
};

namespace detail {
extern TelemetrySink* g_telemetry_sink;
}

inline TelemetrySink* telemetry_sink() noexcept
{
    return detail::g_telemetry_sink;
}

void set_telemetry_sink(TelemetrySink* sink) noexcept;

// For scenario code: reports this process's state, if anyone listens.
inline void report_state(WorkerState state) noexcept
{
    if (TelemetrySink* sink = telemetry_sink()) [[unlikely]]
        sink->state_changed(state);
}

// For scenario code: a unit of work of its own (an item consumed, a file copied) on the timeline.
inline void report_task_begin(std::uint32_t object, std::uint64_t task) noexcept
{
    if (TelemetrySink* sink = telemetry_sink()) [[unlikely]]
        sink->task_begin(object, task);
}
inline void report_task_end(std::uint32_t object, std::uint64_t task, bool ok) noexcept
{
    if (TelemetrySink* sink = telemetry_sink()) [[unlikely]]
        sink->task_end(object, task, ok);
}
inline void report_progress(std::uint64_t done, std::uint64_t total) noexcept
{
    if (TelemetrySink* sink = telemetry_sink()) [[unlikely]]
        sink->progress(done, total);
}

} // namespace forkscope::core
