#include "scenarios/runner/run_arena.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace forkscope::scenarios {

namespace {

constexpr std::size_t kBudgetBytes = std::size_t{256} << 20;

// Power-of-two ring capacity for `rings` rings within the budget.
std::uint32_t capacity_for(std::uint32_t rings)
{
    std::uint64_t per_ring = kBudgetBytes / rings / sizeof(core::TraceEvent);
    std::uint32_t capacity = 1;
    while (std::uint64_t{capacity} * 2 <= per_ring)
        capacity *= 2;
    return std::clamp<std::uint32_t>(capacity, 4096, 1u << 18);
}

} // namespace

std::size_t RunArena::ring_bytes(std::uint32_t capacity) noexcept
{
    return core::EventRing::bytes_for(capacity);
}

RunArena::RunArena(core::SharedMemory memory, core::UniqueFd fd)
    : memory_(std::move(memory)), fd_(std::move(fd)), header_(static_cast<RunArenaHeader*>(memory_.data()))
{}

RunArena RunArena::create(const core::ClockCalibration& calibration)
{
    const std::uint32_t capacity = capacity_for(kRings);
    int fd = -1;
    core::SharedMemory memory =
        core::SharedMemory::create_memfd("forkscope-run", sizeof(RunArenaHeader) + kRings * ring_bytes(capacity), &fd);
    auto* header = new (memory.data()) RunArenaHeader;
    header->ring_count = kRings;
    header->ring_capacity = capacity;
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
    if (header->ring_capacity == 0 || (header->ring_capacity & (header->ring_capacity - 1)) != 0 ||
        memory.size() < sizeof(RunArenaHeader) + std::size_t{header->ring_count} * ring_bytes(header->ring_capacity))
        throw std::runtime_error("run telemetry: ring count or capacity does not fit the memory");
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
    auto* place = static_cast<unsigned char*>(memory_.data()) + sizeof(RunArenaHeader) +
                  index * ring_bytes(header_->ring_capacity);
    auto* ring = new (place) core::EventRing(header_->ring_capacity, pid, index);
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
    auto* place = static_cast<unsigned char*>(memory_.data()) + sizeof(RunArenaHeader) +
                  index * ring_bytes(header_->ring_capacity);
    return std::launder(reinterpret_cast<core::EventRing*>(place));
}

} // namespace forkscope::scenarios
