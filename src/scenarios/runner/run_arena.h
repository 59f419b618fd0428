#pragma once

// A run's telemetry memory: one memfd shared by the supervisor, the main process, its workers
// and the front end, which receives the descriptor with RunStarted (SCM_RIGHTS) and drains the
// rings.
//
//   [header: magic, version, ring counts and capacities, clock calibration, rings in use]
//   [counters 0 | counters 1 | … | counters 512]   one ProcessCounters per process, 163 KiB each
//   [ring 0: the main process | ring 1 | … | ring 15 | ring 16 | … | ring 512]   one EventRing per process
//    └──── large: 262,144 events (8 MiB) each ──────┘ └─ small: 8,192 events ─┘
//
// Most runs have a handful of processes that can each write a million events a second; a few
// have hundreds. The first processes get large rings, so that the collector's drains can be late
// by a scheduler's time slice without losing events; the rest share what is left of the budget.
// Memory is touched only as rings are written.
//
// One process at a time hands out rings — the supervisor ring 0 before it forks the main process,
// then the main process one per worker it starts — in order, publishing each before the next; a
// reader sees rings_used() and may read every ring below it. Processes started once all rings
// are taken run without telemetry (counted).

#include "core/event_clock.h"
#include "core/event_ring.h"
#include "core/process_counters.h"
#include "core/shared_memory.h"
#include "core/unique_fd.h"

#include <atomic>
#include <cstdint>

namespace forkscope::scenarios {

struct alignas(64) RunArenaHeader {
    static constexpr std::uint32_t kMagic = 0x41525346; // "FSRA"
    static constexpr std::uint32_t kVersion = 3;
    std::uint32_t magic = kMagic;
    std::uint32_t version = kVersion;
    std::uint32_t ring_count = 0; // large ones included
    std::uint32_t ring_capacity = 0; // of the small rings
    std::uint32_t large_rings = 0; // the first rings
    std::uint32_t large_capacity = 0;
    std::atomic<std::uint32_t> rings_used{0};
    std::atomic<std::uint32_t> rings_refused{0};
    core::ClockCalibration calibration;
};
static_assert(std::is_trivially_copyable_v<core::ClockCalibration>);
static_assert(sizeof(RunArenaHeader) % 64 == 0, "rings start on a cache line");

class RunArena {
public:
    // Room for the main process and up to 512 children: rings in at most 256 MiB, touched only
    // as used, and counters beside them.
    static constexpr std::uint32_t kRings = 513;
    static constexpr std::uint32_t kLargeRings = 16;
    static constexpr std::uint32_t kLargeCapacity = 1u << 18;
    static constexpr std::uint32_t kSmallCapacity = 1u << 13;

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
    // The counts of the process that has ring `index` (below rings_used()), or nullptr.
    [[nodiscard]] core::ProcessCounters* counters(std::uint32_t index) const noexcept;
    [[nodiscard]] const RunArenaHeader& header() const noexcept { return *header_; }
    [[nodiscard]] int fd() const noexcept { return fd_.get(); } // the creator's; -1 after attach()

private:
    RunArena(core::SharedMemory memory, core::UniqueFd fd);
    // Where ring `index` starts, from the start of the memory.
    [[nodiscard]] static std::size_t ring_offset(const RunArenaHeader& header, std::uint32_t index) noexcept;
    [[nodiscard]] static std::size_t total_bytes(const RunArenaHeader& header) noexcept;
    [[nodiscard]] void* ring_place(std::uint32_t index) const noexcept; // where ring `index` lives
    [[nodiscard]] void* counters_place(std::uint32_t index) const noexcept; // and its process's counts

    core::SharedMemory memory_;
    core::UniqueFd fd_;
    RunArenaHeader* header_ = nullptr;
};

} // namespace forkscope::scenarios
