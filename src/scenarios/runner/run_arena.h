#pragma once

// A run's telemetry memory: one memfd shared by the supervisor, the main process, its workers
// and the front end, which receives the descriptor with RunStarted (SCM_RIGHTS) and drains the
// rings.
//
//   [header: magic, version, ring count and capacity, clock calibration, rings in use]
//   [ring 0: the main process | ring 1 | ring 2 | … ]   one EventRing per process
//
// One process at a time hands out rings — the supervisor ring 0 before it forks the main process,
// then the main process one per worker it starts — in order, publishing each before the next; a
// reader sees rings_used() and may read every ring below it. Processes started once all rings
// are taken run without telemetry (counted).

#include "core/event_clock.h"
#include "core/event_ring.h"
#include "core/shared_memory.h"
#include "core/unique_fd.h"

#include <atomic>
#include <cstdint>

namespace forkscope::scenarios {

struct alignas(64) RunArenaHeader {
    static constexpr std::uint32_t kMagic = 0x41525346; // "FSRA"
    static constexpr std::uint32_t kVersion = 1;
    std::uint32_t magic = kMagic;
    std::uint32_t version = kVersion;
    std::uint32_t ring_count = 0;
    std::uint32_t ring_capacity = 0;
    std::atomic<std::uint32_t> rings_used{0};
    std::atomic<std::uint32_t> rings_refused{0};
    core::ClockCalibration calibration;
};
static_assert(std::is_trivially_copyable_v<core::ClockCalibration>);
static_assert(sizeof(RunArenaHeader) % 64 == 0, "rings start on a cache line");

class RunArena {
public:
    // Room for the main process and up to 512 children, in at most 256 MiB, touched only as used.
    static constexpr std::uint32_t kRings = 513;

    // In the supervisor, before the main process exists. Throws std::system_error.
    [[nodiscard]] static RunArena create(const core::ClockCalibration& calibration);
    // In the front end: maps a received descriptor and checks it. Throws std::runtime_error
    // naming what is wrong.
    [[nodiscard]] static RunArena attach(int fd);

    RunArena(RunArena&&) noexcept = default;
    RunArena& operator=(RunArena&&) noexcept = default;

    // The next ring, for a process about to start; nullptr once all are taken.
    core::EventRing* claim(std::int32_t pid);
    [[nodiscard]] std::uint32_t rings_used() const noexcept;
    [[nodiscard]] std::uint32_t rings_refused() const noexcept;
    [[nodiscard]] core::EventRing* ring(std::uint32_t index) const noexcept; // below rings_used()
    [[nodiscard]] const RunArenaHeader& header() const noexcept { return *header_; }
    [[nodiscard]] int fd() const noexcept { return fd_.get(); } // the creator's; -1 after attach()

private:
    RunArena(core::SharedMemory memory, core::UniqueFd fd);
    [[nodiscard]] static std::size_t ring_bytes(std::uint32_t capacity) noexcept;

    core::SharedMemory memory_;
    core::UniqueFd fd_;
    RunArenaHeader* header_ = nullptr;
};

} // namespace forkscope::scenarios
