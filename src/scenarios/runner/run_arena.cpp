#include "scenarios/runner/run_arena.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace forkscope::scenarios {

namespace {

// The rings' budget. The counters come on top (about 80 MiB of address space for 513 processes),
// but a process touches only the pages of the objects it uses: a few dozen KiB each.
constexpr std::size_t kBudgetBytes = std::size_t{256} << 20;

constexpr bool power_of_two(std::uint32_t n)
{
    return n != 0 && (n & (n - 1)) == 0;
}

} // namespace

static_assert(RunArena::kLargeRings * core::EventRing::bytes_for(RunArena::kLargeCapacity) +
                      (RunArena::kRings - RunArena::kLargeRings) *
                          core::EventRing::bytes_for(RunArena::kSmallCapacity) <=
                  kBudgetBytes,
              "the rings fit the run's telemetry budget");

std::size_t RunArena::ring_offset(const RunArenaHeader& header, std::uint32_t index) noexcept
{
    const std::uint32_t large = std::min(index, header.large_rings);
    return sizeof(RunArenaHeader) + std::size_t{header.ring_count} * sizeof(core::ProcessCounters) +
           large * core::EventRing::bytes_for(header.large_capacity) +
           std::size_t{index - large} * core::EventRing::bytes_for(header.ring_capacity);
}

std::size_t RunArena::total_bytes(const RunArenaHeader& header) noexcept
{
    return ring_offset(header, header.ring_count);
}

RunArena::RunArena(core::SharedMemory memory, core::UniqueFd fd)
    : memory_(std::move(memory)), fd_(std::move(fd)), header_(static_cast<RunArenaHeader*>(memory_.data()))
{}

RunArena RunArena::create(const core::ClockCalibration& calibration)
{
    RunArenaHeader layout;
    layout.ring_count = kRings;
    layout.ring_capacity = kSmallCapacity;
    layout.large_rings = kLargeRings;
    layout.large_capacity = kLargeCapacity;
    int fd = -1;
    core::SharedMemory memory = core::SharedMemory::create_memfd("forkscope-run", total_bytes(layout), &fd);
    auto* header = new (memory.data()) RunArenaHeader;
    header->ring_count = layout.ring_count;
    header->ring_capacity = layout.ring_capacity;
    header->large_rings = layout.large_rings;
    header->large_capacity = layout.large_capacity;
    header->calibration = calibration;
    return RunArena(std::move(memory), core::UniqueFd(fd));
}

RunArena RunArena::attach(int fd)
{
    core::SharedMemory memory = core::SharedMemory::map_fd(fd);
    if (memory.size() < sizeof(RunArenaHeader))
        throw std::runtime_error("run telemetry: " + std::to_string(memory.size()) +
                                 " bytes is too small for its header");
    const auto* header = static_cast<const RunArenaHeader*>(memory.data());
    if (header->magic != RunArenaHeader::kMagic)
        throw std::runtime_error("run telemetry: not a ForkScope run (magic at offset 0)");
    if (header->version != RunArenaHeader::kVersion)
        throw std::runtime_error("run telemetry: version " + std::to_string(header->version) + " is not supported");
    if (!power_of_two(header->ring_capacity) || !power_of_two(header->large_capacity) ||
        header->large_rings > header->ring_count || header->ring_count > kRings || memory.size() < total_bytes(*header))
        throw std::runtime_error("run telemetry: ring counts or capacities do not fit the memory");
    return RunArena(std::move(memory), core::UniqueFd());
}

core::EventRing* RunArena::claim(std::int32_t pid)
{
    const std::uint32_t index =
        header_->rings_used.load(std::memory_order_relaxed); // one claimer at a time (see run_arena.h)
    if (index >= header_->ring_count) {
        header_->rings_refused.fetch_add(1, std::memory_order_relaxed);
        return nullptr;
    }
    void* place = ring_place(index);
    const std::uint32_t capacity = index < header_->large_rings ? header_->large_capacity : header_->ring_capacity;
    new (counters_place(index)) core::ProcessCounters;
    auto* ring = new (place) core::EventRing(capacity, pid, index);
    header_->rings_used.store(index + 1, std::memory_order_release); // published: readers may use it
    return ring;
}

std::uint32_t RunArena::rings_used() const noexcept
{
    return std::min(header_->rings_used.load(std::memory_order_acquire), header_->ring_count);
}

std::uint32_t RunArena::rings_refused() const noexcept
{
    return header_->rings_refused.load(std::memory_order_relaxed);
}

core::EventRing* RunArena::ring(std::uint32_t index) const noexcept
{
    if (index >= rings_used())
        return nullptr;
    return std::launder(static_cast<core::EventRing*>(ring_place(index)));
}

void* RunArena::ring_place(std::uint32_t index) const noexcept
{
    return static_cast<unsigned char*>(memory_.data()) + ring_offset(*header_, index);
}

void* RunArena::counters_place(std::uint32_t index) const noexcept
{
    return static_cast<unsigned char*>(memory_.data()) + sizeof(RunArenaHeader) +
           std::size_t{index} * sizeof(core::ProcessCounters);
}

core::ProcessCounters* RunArena::counters(std::uint32_t index) const noexcept
{
    if (index >= rings_used())
        return nullptr;
    return std::launder(static_cast<core::ProcessCounters*>(counters_place(index)));
}

} // namespace forkscope::scenarios
