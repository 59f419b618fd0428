#pragma once

// For queue tests across processes: a ledger of deliveries in shared memory, and running
// producers and consumers to their end.

#include "core/process.h"
#include "core/shared_memory.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

namespace forkscope::testing {

// Per-item delivery counts and totals, shared with the children.
struct Ledger {
    explicit Ledger(std::size_t items) : memory(sizeof(std::atomic<std::uint32_t>) * (items + 8))
    {
        counts = static_cast<std::atomic<std::uint32_t>*>(memory.data());
    }
    // How many of items 0..n-1 did not arrive exactly once.
    [[nodiscard]] std::uint32_t miscounted(std::uint32_t n) const
    {
        std::uint32_t wrong = 0;
        for (std::uint32_t i = 0; i < n; ++i)
            wrong += counts[i].load() != 1;
        return wrong;
    }
    core::SharedMemory memory;
    std::atomic<std::uint32_t>* counts;
};

// Starts `workers` (the producers first), waits for the producers, puts one `stop` per consumer,
// waits for the consumers. False when one of them hangs or does not exit with 0.
template <class Q, class T>
bool run_to_the_end(std::vector<std::unique_ptr<core::Process>>& workers, std::size_t producers, Q& q, T stop)
{
    for (auto& w : workers)
        w->start();
    for (std::size_t i = 0; i < workers.size(); ++i) {
        if (i == producers)
            for (std::size_t c = producers; c < workers.size(); ++c)
                q.put(stop);
        if (!workers[i]->join(std::chrono::seconds(120)))
            return false;
    }
    return std::all_of(workers.begin(), workers.end(), [](const auto& w) { return w->exitcode() == 0; });
}

} // namespace forkscope::testing
