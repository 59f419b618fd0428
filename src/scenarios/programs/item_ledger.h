#pragma once

// Where every item of a producer–consumer run went, written in shared memory by the producers and
// consumers themselves, so that it outlives any of them being killed. After the run the main
// process accounts for each item a producer saw acknowledged (its put returned): consumed once,
// still in the queue, or lost with a consumer that died holding it (named by that consumer's
// claim, see Queue::get_claimed()) — and finds any item consumed twice.
//
//   ItemLedger ledger(total_items, consumers);        // before forking
//   q.put(item); ledger.acknowledge(item);            // producer
//   item = q.get_claimed(ledger.claim(i));            // consumer i
//   …work…; ledger.count_consumed(item); ledger.release_claim(i);
//   ItemLedger::Account a = ledger.account(died, left_in_queue, q.lost_gets());
//
// Items are numbered from 1; 0 and below (sentinels) are not items. Up to kMaxTrackedItems they
// are tracked one by one (two bytes each); beyond, only counts and checksums.

#include "core/shared_memory.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace forkscope::scenarios {

class ItemLedger {
public:
    static constexpr std::int64_t kMaxTrackedItems = 1'000'000;
    static constexpr int kMaxConsumers = 256;

    ItemLedger(std::int64_t items, int consumers);
    ItemLedger(const ItemLedger&) = delete; // lives in shared memory
    ItemLedger& operator=(const ItemLedger&) = delete;

    void acknowledge(std::int64_t item) noexcept;
    [[nodiscard]] std::atomic<std::int64_t>& claim(int consumer) noexcept;
    // Counted first, then the claim released: a consumer killed between the two leaves a claim
    // on an item already counted, which account() sees as consumed, not lost.
    void count_consumed(std::int64_t item) noexcept;
    void release_claim(int consumer) noexcept;
    // The item consumer `consumer` claimed and has not released, or 0.
    [[nodiscard]] std::int64_t claimed_by(int consumer) const noexcept;

    [[nodiscard]] std::uint64_t acknowledged() const noexcept;
    [[nodiscard]] std::uint64_t consumed() const noexcept;
    [[nodiscard]] bool tracked() const noexcept { return tracked_; }

    struct Lost {
        std::int64_t item;
        int consumer; // whose claim names it
    };
    struct Account {
        std::uint64_t acknowledged = 0, consumed = 0;
        std::uint64_t left_in_queue = 0; // acknowledged, never taken
        std::uint64_t duplicates = 0; // extra deliveries: items consumed (or consumed and queued) twice
        std::vector<Lost> lost; // acknowledged, taken by a consumer that died, never finished
        std::uint64_t lost_unnamed = 0; // acknowledged and gone, named by no claim
        std::uint64_t lost_gets = 0; // the queue's count of gets cut short by a death
        std::uint64_t unacknowledged = 0; // delivered, though its producer died before its put returned
        bool checksums_match = false; // acknowledged = consumed + left, by count and sum
        bool tracked = false; // item by item; otherwise the checksums decide
        [[nodiscard]] bool every_item_once() const noexcept
        {
            return duplicates == 0 && lost.empty() && lost_unnamed == 0 && left_in_queue == 0 &&
                   (tracked ? true : checksums_match);
        }
    };
    // `died[i]`: consumer i ended without being told to (killed, crashed); `left`: the items
    // drained from the queue at the end; `lost_gets`: the queue's count.
    [[nodiscard]] Account account(const std::vector<bool>& died, const std::vector<std::int64_t>& left,
                                  std::uint64_t lost_gets) const;

private:
    struct alignas(64) Totals {
        std::atomic<std::uint64_t> acknowledged{0}, acknowledged_sum{0};
        std::atomic<std::uint64_t> consumed{0}, consumed_sum{0};
    };
    struct Item {
        std::atomic<std::uint8_t> acknowledged{0}, consumed{0};
    };
    static_assert(sizeof(Item) == 2 && std::atomic<std::uint8_t>::is_always_lock_free);
    static_assert(std::atomic<std::int64_t>::is_always_lock_free, "claims are written by processes that may be killed");

    [[nodiscard]] Totals& totals() const noexcept;
    [[nodiscard]] std::atomic<std::int64_t>* claims() const noexcept;
    [[nodiscard]] Item* items() const noexcept; // index = item number; nullptr when not tracked
    [[nodiscard]] bool is_item(std::int64_t item) const noexcept { return item >= 1 && item <= items_; }

    std::int64_t items_;
    int consumers_;
    bool tracked_;
    core::SharedMemory memory_;
};

} // namespace forkscope::scenarios
