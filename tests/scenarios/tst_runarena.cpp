// RunArena: a run's telemetry memory. The first rings are large, the rest small, all within the
// budget; each ring has memory of its own; the front end's view of a received descriptor is the
// same memory; a descriptor that is not a run's arena is refused with what is wrong.

#include "core/event_clock.h"
#include "core/shared_memory.h"
#include "core/unique_fd.h"
#include "scenarios/runner/run_arena.h"

#include <QTest>

#include <unistd.h>

#include <cstring>
#include <stdexcept>

using namespace forkscope;
using core::EventKind;
using scenarios::RunArena;

class TestRunArena : public QObject {
    Q_OBJECT

private slots:
    void theFirstRingsAreLargeTheRestSmall();
    void everyRingHasMemoryOfItsOwn();
    void aForeignDescriptorIsRefused();
};

void TestRunArena::theFirstRingsAreLargeTheRestSmall()
{
    RunArena arena = RunArena::create(core::EventClock::calibrate());
    for (std::uint32_t i = 0; i < RunArena::kRings; ++i) {
        core::EventRing* ring = arena.claim(1000 + static_cast<std::int32_t>(i));
        QVERIFY(ring);
        QCOMPARE(ring->worker(), i);
        QCOMPARE(ring->capacity(), i < RunArena::kLargeRings ? RunArena::kLargeCapacity : RunArena::kSmallCapacity);
    }
    QCOMPARE(arena.rings_used(), RunArena::kRings);
    QVERIFY(!arena.claim(1)); // all taken: the process runs without telemetry, counted
    QCOMPARE(arena.rings_refused(), 1u);
}

// A ring filled to capacity does not reach into the next one: the last large ring and the first
// small one, both full, read back intact through the front end's mapping of the descriptor.
void TestRunArena::everyRingHasMemoryOfItsOwn()
{
    RunArena arena = RunArena::create(core::EventClock::calibrate());
    std::vector<core::EventRing*> rings;
    for (std::uint32_t i = 0; i <= RunArena::kLargeRings; ++i)
        rings.push_back(arena.claim(2000 + static_cast<std::int32_t>(i)));
    for (const std::uint32_t i : {RunArena::kLargeRings - 1, RunArena::kLargeRings}) {
        for (std::uint64_t n = 0; n < rings[i]->capacity(); ++n)
            QVERIFY(rings[i]->push(core::TraceEvent{n, i, static_cast<std::int64_t>(n), 0, EventKind::Progress, 0}));
        QVERIFY(!rings[i]->push(core::TraceEvent{}));
    }
    const core::UniqueFd received(::dup(arena.fd()));
    RunArena front = RunArena::attach(received.get());
    QCOMPARE(front.rings_used(), RunArena::kLargeRings + 1);
    std::vector<core::TraceEvent> out(RunArena::kLargeCapacity);
    for (const std::uint32_t i : {RunArena::kLargeRings - 1, RunArena::kLargeRings}) {
        core::EventRing* ring = front.ring(i);
        QCOMPARE(ring->pid(), 2000 + static_cast<std::int32_t>(i));
        QCOMPARE(ring->dropped(), 1u);
        const std::size_t n = ring->pop(out.data(), out.size());
        QCOMPARE(n, std::size_t{ring->capacity()});
        for (std::size_t k = 0; k < n; ++k)
            QVERIFY(out[k].time == k && out[k].task == i && out[k].value == static_cast<std::int64_t>(k));
    }
}

void TestRunArena::aForeignDescriptorIsRefused()
{
    int fd = -1;
    core::SharedMemory small = core::SharedMemory::create_memfd("not-a-run", 16, &fd);
    const core::UniqueFd smallFd(fd);
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, RunArena::attach(fd));
    core::SharedMemory zeros = core::SharedMemory::create_memfd("zeros", 1 << 20, &fd);
    const core::UniqueFd zerosFd(fd);
    try {
        (void)RunArena::attach(fd);
        QFAIL("a zero-filled memfd was taken for a run's telemetry");
    } catch (const std::runtime_error& e) {
        QVERIFY2(std::strstr(e.what(), "magic"), e.what());
    }
    // A real header whose rings would reach past the memory.
    RunArena arena = RunArena::create(core::EventClock::calibrate());
    core::SharedMemory cut = core::SharedMemory::create_memfd("cut", 4096, &fd);
    const core::UniqueFd cutFd(fd);
    std::memcpy(cut.data(), &arena.header(), sizeof(scenarios::RunArenaHeader));
    try {
        (void)RunArena::attach(fd);
        QFAIL("an arena cut short was accepted");
    } catch (const std::runtime_error& e) {
        QVERIFY2(std::strstr(e.what(), "do not fit the memory"), e.what());
    }
}

QTEST_GUILESS_MAIN(TestRunArena)
#include "tst_runarena.moc"
