#include "scenarios/programs/item_ledger.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace forkscope::scenarios {

namespace {

constexpr std::size_t kClaimsOffset = 64; // after Totals, one cache line

std::size_t bytes_for(std::int64_t items, bool tracked)
{
    const std::size_t claims = sizeof(std::atomic<std::int64_t>) * ItemLedger::kMaxConsumers;
    return kClaimsOffset + claims + (tracked ? 2 * static_cast<std::size_t>(items + 1) : 0);
}

} // namespace

ItemLedger::ItemLedger(std::int64_t count, int consumers)
    : items_(count), consumers_(consumers), tracked_(count <= kMaxTrackedItems),
      memory_(bytes_for(count, count <= kMaxTrackedItems))
{
    if (count < 0 || consumers < 1 || consumers > kMaxConsumers)
        throw std::invalid_argument("ItemLedger: 0.. items and 1..256 consumers");
    // Zero-filled shared pages are already what the atomics start as; constructing them says so.
    new (memory_.data()) Totals;
    for (int i = 0; i < kMaxConsumers; ++i)
        new (claims() + i) std::atomic<std::int64_t>(0);
    if (tracked_) {
        for (std::int64_t i = 0; i <= count; ++i)
            new (items() + i) Item;
    }
}

static_assert(sizeof(std::atomic<std::uint64_t>) * 4 <= kClaimsOffset);

ItemLedger::Totals& ItemLedger::totals() const noexcept
{
    return *static_cast<Totals*>(memory_.data());
}

std::atomic<std::int64_t>* ItemLedger::claims() const noexcept
{
    return reinterpret_cast<std::atomic<std::int64_t>*>(static_cast<char*>(memory_.data()) + kClaimsOffset);
}

ItemLedger::Item* ItemLedger::items() const noexcept
{
    return tracked_ ? reinterpret_cast<Item*>(claims() + kMaxConsumers) : nullptr;
}

void ItemLedger::acknowledge(std::int64_t item) noexcept
{
    totals().acknowledged.fetch_add(1, std::memory_order_relaxed);
    totals().acknowledged_sum.fetch_add(static_cast<std::uint64_t>(item), std::memory_order_relaxed);
    if (tracked_ && is_item(item))
        items()[item].acknowledged.store(1, std::memory_order_relaxed);
}

std::atomic<std::int64_t>& ItemLedger::claim(int consumer) noexcept
{
    return claims()[consumer];
}

void ItemLedger::count_consumed(std::int64_t item) noexcept
{
    totals().consumed.fetch_add(1, std::memory_order_relaxed);
    totals().consumed_sum.fetch_add(static_cast<std::uint64_t>(item), std::memory_order_relaxed);
    if (tracked_ && is_item(item))
        items()[item].consumed.fetch_add(1, std::memory_order_relaxed);
}

void ItemLedger::release_claim(int consumer) noexcept
{
    // release: the count above is visible to whoever finds the claim gone.
    claims()[consumer].store(0, std::memory_order_release);
}

std::int64_t ItemLedger::claimed_by(int consumer) const noexcept
{
    const std::int64_t item = claims()[consumer].load(std::memory_order_acquire);
    return item > 0 ? item : 0;
}

std::uint64_t ItemLedger::acknowledged() const noexcept
{
    return totals().acknowledged.load(std::memory_order_relaxed);
}

std::uint64_t ItemLedger::consumed() const noexcept
{
    return totals().consumed.load(std::memory_order_relaxed);
}

ItemLedger::Account ItemLedger::account(const std::vector<bool>& died, const std::vector<std::int64_t>& left,
                                        std::uint64_t lost_gets) const
{
    Account a;
    a.acknowledged = acknowledged();
    a.consumed = consumed();
    a.lost_gets = lost_gets;
    a.tracked = tracked_;
    std::uint64_t left_sum = 0;
    for (std::int64_t item : left)
        left_sum += static_cast<std::uint64_t>(item);
    // What was acknowledged is what was consumed plus what is left, unless something was lost.
    a.checksums_match = a.acknowledged == a.consumed + left.size() &&
                        totals().acknowledged_sum.load(std::memory_order_relaxed) ==
                            totals().consumed_sum.load(std::memory_order_relaxed) + left_sum;
    auto claimed_by_the_dead = [&](std::int64_t item) {
        for (int i = 0; i < consumers_ && i < static_cast<int>(died.size()); ++i) {
            if (died[static_cast<std::size_t>(i)] && claimed_by(i) == item)
                return i;
        }
        return -1;
    };
    if (!tracked_) { // counts only: the dead's claims name what they held
        a.left_in_queue = left.size();
        for (int i = 0; i < consumers_ && i < static_cast<int>(died.size()); ++i) {
            if (died[static_cast<std::size_t>(i)] && claimed_by(i) != 0)
                a.lost.push_back({claimed_by(i), i});
        }
        const std::uint64_t accounted = a.consumed + a.left_in_queue + a.lost.size();
        a.lost_unnamed = a.acknowledged > accounted ? a.acknowledged - accounted : 0;
        return a;
    }
    const std::set<std::int64_t> queued(left.begin(), left.end());
    a.duplicates = left.size() - queued.size();
    for (std::int64_t item = 1; item <= items_; ++item) {
        const Item& record = items()[item];
        const unsigned consumed = record.consumed.load(std::memory_order_relaxed);
        const bool is_queued = queued.count(item) != 0;
        const bool acknowledged = record.acknowledged.load(std::memory_order_relaxed) != 0;
        if (consumed + (is_queued ? 1u : 0u) > 1)
            a.duplicates += consumed + (is_queued ? 1u : 0u) - 1;
        if (!acknowledged && (consumed > 0 || is_queued))
            ++a.unacknowledged;
        if (consumed > 0 || !acknowledged)
            continue; // done, or never put as far as its producer knew
        if (is_queued) {
            ++a.left_in_queue;
            continue;
        }
        const int holder = claimed_by_the_dead(item);
        if (holder >= 0)
            a.lost.push_back({item, holder});
        else
            ++a.lost_unnamed;
    }
    return a;
}

} // namespace forkscope::scenarios
