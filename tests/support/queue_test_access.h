#pragma once

// Puts a queue in the state a process leaves when it is killed between claiming a slot and
// finishing with it, so the recovery paths can be tested without racing a SIGKILL.

#include "core/queue.h"

#include <sys/types.h>

namespace forkscope::core::detail {

struct QueueEngineTestAccess {
    // Claims the next put ticket as `pid` and stops there (WRITING, head moved on).
    static void claim_put(QueueEngine& e, pid_t pid);
    // Claims the next get ticket as `pid` and stops there (READING, tail moved on).
    static void claim_get(QueueEngine& e, pid_t pid);
    // The sleepers' bookkeeping of one side: waiting callers and woken ones not yet back.
    struct Counts {
        std::uint32_t waiting;
        std::int32_t woken;
    };
    static Counts getters(QueueEngine& e);
    static Counts putters(QueueEngine& e);
};

} // namespace forkscope::core::detail

namespace forkscope::testing {

// Reaches the engine inside a Queue<T> (its only member).
template <class Q>
core::detail::QueueEngine& engine_of(Q& queue)
{
    static_assert(sizeof(Q) == sizeof(core::detail::QueueEngine));
    return reinterpret_cast<core::detail::QueueEngine&>(queue);
}

// A pid that has certainly ended: a child that exited and was reaped.
pid_t dead_pid();

} // namespace forkscope::testing
