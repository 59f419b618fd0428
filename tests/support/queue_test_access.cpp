#include "support/queue_test_access.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

namespace forkscope::core::detail {

namespace {
constexpr int kPidBits = 22;
constexpr int kLapShift = kPidBits + 2;
std::uint64_t pack(std::uint64_t lap, std::uint64_t phase, pid_t pid)
{
    return (lap << kLapShift) | (phase << kPidBits) | static_cast<std::uint64_t>(pid);
}
} // namespace

void QueueEngineTestAccess::claim_put(QueueEngine& e, pid_t pid)
{
    QueueControl& c = e.control();
    const std::uint64_t h = c.head.load();
    e.slot_state(h).store(pack(h / c.capacity, 1 /* writing */, pid));
    c.head.store(h + 1);
    if (c.joinable)
        c.unfinished.fetch_add(1);
}

void QueueEngineTestAccess::claim_get(QueueEngine& e, pid_t pid)
{
    QueueControl& c = e.control();
    const std::uint64_t t = c.tail.load();
    e.slot_state(t).store(pack(t / c.capacity, 3 /* reading */, pid));
    c.tail.store(t + 1);
}

QueueEngineTestAccess::Counts QueueEngineTestAccess::getters(QueueEngine& e)
{
    return {e.control().getters.waiting.load(), e.control().getters.woken.load()};
}

QueueEngineTestAccess::Counts QueueEngineTestAccess::putters(QueueEngine& e)
{
    return {e.control().putters.waiting.load(), e.control().putters.woken.load()};
}

} // namespace forkscope::core::detail

namespace forkscope::testing {

pid_t dead_pid()
{
    const pid_t pid = ::fork();
    if (pid == 0)
        ::_exit(0);
    ::waitpid(pid, nullptr, 0);
    return pid;
}

} // namespace forkscope::testing
