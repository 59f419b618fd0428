// core::Event across processes.

#include "core/event.h"

#include "core/clock.h"
#include "core/futex.h"
#include "core/process.h"
#include "core/shared_memory.h"
#include "support/test_main.h"

#include <QTest>

#include <unistd.h>

using namespace forkscope::core;
using namespace std::chrono_literals;

class TestEvent : public QObject {
    Q_OBJECT

private slots:
    void setClearIsSet();
    void waitTimesOut();
    void setWakesEveryWaiter();
    void aWakeLostWithAKilledSetterCostsAtMostTheLongestSleep();
};

void TestEvent::setClearIsSet()
{
    Event e;
    QVERIFY(!e.is_set());
    e.set();
    QVERIFY(e.is_set());
    QVERIFY(e.wait(0ns));
    e.clear();
    QVERIFY(!e.is_set());
}

void TestEvent::waitTimesOut()
{
    Event e;
    const std::int64_t begin = monotonic_ns();
    QVERIFY(!e.wait(100ms));
    QVERIFY(monotonic_ns() - begin >= 100 * kNsPerMs);
}

void TestEvent::setWakesEveryWaiter()
{
    Event go;
    Process a([&go] { throw SystemExit{go.wait(10s) ? 0 : 1}; });
    Process b([&go] { throw SystemExit{go.wait(10s) ? 0 : 1}; });
    a.start();
    b.start();
    QVERIFY(!a.join(100ms)); // both waiting
    go.set();
    QVERIFY(a.join(10s));
    QVERIFY(b.join(10s));
    QCOMPARE(*a.exitcode(), 0);
    QCOMPARE(*b.exitcode(), 0);
}

void TestEvent::aWakeLostWithAKilledSetterCostsAtMostTheLongestSleep()
{
    // What a set() killed between storing the flag and waking leaves: the word changed, no wake.
    // Every primitive sleeps through futex_wait_until(), which must notice within its longest sleep.
    SharedObject<std::atomic<std::uint32_t>> word(sizeof(std::atomic<std::uint32_t>), 0u);
    SharedObject<std::atomic<std::int64_t>> noticed_ns(sizeof(std::atomic<std::int64_t>), std::int64_t{0});
    Process waiter([&word, &noticed_ns] {
        while (word->load() == 0)
            (void)futex_wait_until(*word, 0, INT64_MAX);
        noticed_ns->store(monotonic_ns());
    });
    waiter.start();
    ::usleep(50'000); // most likely asleep by now; if not, it sees the change at once
    const std::int64_t changed = monotonic_ns();
    word->store(1); // and no futex_wake()
    QVERIFY2(waiter.join(5s), "the waiter slept through a change nobody woke it for");
    QCOMPARE(*waiter.exitcode(), 0);
    QVERIFY(noticed_ns->load() - changed < 5 * kLongestSleepNs); // bounded (loaded machines are slow)
}

FORKSCOPE_FORKING_TEST_MAIN(TestEvent)
#include "tst_event.moc"
