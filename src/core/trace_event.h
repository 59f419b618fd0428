#pragma once

// One telemetry event (a trace event; core::Event is the synchronisation primitive): a fixed-size record a worker writes into its own ring (event_ring.h).
// The process and worker are the ring's; times are ticks of the run's EventClock.

#include <cstdint>
#include <type_traits>

namespace forkscope::core {

enum class EventKind : std::uint16_t {
    ProcessStart = 1, // value: parent pid
    ProcessExit, // value: exit code, or -signal
    State, // detail: WorkerState
    TaskBegin, // object: pool, task: task id
    TaskEnd, // object: pool, task: task id, value: 1 ok, 0 failed
    QueuePut, // object: queue, task: ticket, value: depth after, detail: blocked (1) or not
    QueueGet, // same
    QueueBlocked, // object: queue, value: blocked ns (precedes the put/get it delayed)
    QueueRecovered, // object: queue, value: dead pid, detail: 1 lost get, 0 lost put
    LockAcquired, // object: lock, value: wait ns, detail: 1 if the previous owner died
    LockReleased, // object: lock, value: hold ns
    Waited, // object: id, value: blocked ns, detail: WaitKind
    Log, // task: index of the line in the run's log store
    Progress, // value: done, task: total
    QueueCreated, // object: queue, value: capacity (its maxsize)
    ObjectNamed, // object: queue, lock or pool, detail: NamedObject; task and value: its name (object_name.h)
};

// What an ObjectNamed event names.
enum class NamedObject : std::uint16_t { Queue, Lock, Pool };

enum class WorkerState : std::uint16_t {
    Running,
    BlockedOnPut,
    BlockedOnGet,
    WaitingForLock,
    HoldingLock,
    Sleeping,
    Done
};

struct TraceEvent {
    std::uint64_t time; // EventClock ticks
    std::uint64_t task; // task id, queue ticket, …
    std::int64_t value; // depth, wait/hold ns, exit code, …
    std::uint32_t object; // queue, lock, pool id
    EventKind kind;
    std::uint16_t detail; // WorkerState, WaitKind, flags
};
static_assert(sizeof(TraceEvent) == 32, "two events per cache line");
static_assert(std::is_trivially_copyable_v<TraceEvent>, "events are copied bytewise across processes");

} // namespace forkscope::core
