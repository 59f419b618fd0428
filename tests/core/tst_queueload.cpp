// core::Queue with many processes at full speed, on 2 cores: every item delivered once, the
// sleepers' bookkeeping back at zero, and qsize() within [0, maxsize] however they are preempted.

#include "core/queue.h"

#include "core/clock.h"
#include "core/process.h"
#include "support/queue_ledger.h"
#include "support/queue_test_access.h"
#include "support/test_main.h"

#include <QTest>

#include <unistd.h>

#include <memory>
#include <vector>

using namespace forkscope::core;
using forkscope::testing::engine_of;
using forkscope::testing::Ledger;
using forkscope::testing::run_to_the_end;

class TestQueueLoad : public QObject {
    Q_OBJECT

private slots:
    void millionItemsTwoProducersTwoConsumers();
    void sleepersAreAccountedExactly();
    void qsizeStaysWithinZeroAndMaxsizeAtFullSpeed();
};

void TestQueueLoad::millionItemsTwoProducersTwoConsumers()
{
    // Nothing lost, nothing duplicated: every item is counted by whoever gets it, and the sum of
    // all items, 0 + 1 + … + n-1, must come out.
    constexpr std::uint32_t kItems = 1'000'000;
    constexpr std::uint32_t kStop = UINT32_MAX;
    Queue<std::uint32_t> q(64);
    Ledger ledger(kItems);
    auto sums = std::make_unique<SharedObject<std::atomic<std::uint64_t>>>(sizeof(std::atomic<std::uint64_t>), 0u);
    std::atomic<std::uint64_t>& sum = **sums;
    std::vector<std::unique_ptr<Process>> workers;
    for (std::uint32_t p = 0; p < 2; ++p) {
        workers.push_back(std::make_unique<Process>([&q, p] {
            for (std::uint32_t i = p; i < kItems; i += 2)
                q.put(i);
        }));
    }
    for (int c = 0; c < 2; ++c) {
        workers.push_back(std::make_unique<Process>([&q, &ledger, &sum] {
            std::uint64_t local = 0;
            for (std::uint32_t item; (item = q.get()) != kStop;) {
                ledger.counts[item].fetch_add(1, std::memory_order_relaxed);
                local += item;
            }
            sum.fetch_add(local);
        }));
    }
    const std::int64_t begin = monotonic_ns();
    QVERIFY(run_to_the_end(workers, 2, q, kStop));
    const double seconds = static_cast<double>(monotonic_ns() - begin) / 1e9;
    QCOMPARE(ledger.miscounted(kItems), 0u);
    QCOMPARE(sum.load(), std::uint64_t{kItems} * (kItems - 1) / 2);
    QVERIFY(q.empty());
    qInfo("%u items through Queue(64), 2 producers x 2 consumers, in %.2f s", kItems, seconds);
}

// A waker skips its futex_wake() when every waiting caller has already been woken (see
// QueueEngine::notify). That is safe only if the count of woken callers never runs ahead of the
// truth: once everyone has left, both counts must be back at exactly zero. Bursts with pauses
// make three consumers and two producers sleep and wake thousands of times on a queue of two.
void TestQueueLoad::sleepersAreAccountedExactly()
{
    constexpr std::uint32_t kItems = 20'000;
    constexpr std::uint32_t kStop = UINT32_MAX;
    Queue<std::uint32_t> q(2);
    Ledger ledger(kItems);
    std::vector<std::unique_ptr<Process>> workers;
    for (std::uint32_t p = 0; p < 2; ++p) {
        workers.push_back(std::make_unique<Process>([&q, p] {
            for (std::uint32_t i = p; i < kItems; i += 2) {
                q.put(i);
                if (i % 64 < 2)
                    ::usleep(200); // the consumers drain the queue and fall asleep
            }
        }));
    }
    for (int c = 0; c < 3; ++c) {
        workers.push_back(std::make_unique<Process>([&q, &ledger, c] {
            for (std::uint32_t item, n = 0; (item = q.get()) != kStop; ++n) {
                ledger.counts[item].fetch_add(1, std::memory_order_relaxed);
                if (c == 0 && n % 256 == 0)
                    ::usleep(300); // and the producers fill it and fall asleep
            }
        }));
    }
    QVERIFY(run_to_the_end(workers, 2, q, kStop));
    QCOMPARE(ledger.miscounted(kItems), 0u);
    using Access = forkscope::core::detail::QueueEngineTestAccess;
    QCOMPARE(Access::getters(engine_of(q)).waiting, 0u);
    QCOMPARE(Access::getters(engine_of(q)).woken, 0);
    QCOMPARE(Access::putters(engine_of(q)).waiting, 0u);
    QCOMPARE(Access::putters(engine_of(q)).woken, 0);
}

// Python's qsize() is approximate, but never below 0 or above maxsize: full() and empty() build on
// it, and so does every depth the telemetry reports. 4 producers and 4 consumers on 2 cores are
// preempted all the time, also between reading the queue's tail and its head.
void TestQueueLoad::qsizeStaysWithinZeroAndMaxsizeAtFullSpeed()
{
    constexpr std::uint32_t kItems = 2'000'000, kMaxsize = 64, kStop = UINT32_MAX;
    struct Seen {
        std::atomic<std::uint64_t> largest{0};
        std::atomic<std::uint64_t> looks{0};
    };
    auto seen = std::make_unique<SharedObject<Seen>>(sizeof(Seen));
    Seen& s = **seen;
    Queue<std::uint32_t> q(kMaxsize);
    auto look = [&q, &s] {
        const std::size_t n = q.qsize(); // unsigned: below 0 would show as huge
        std::uint64_t largest = s.largest.load(std::memory_order_relaxed);
        while (n > largest && !s.largest.compare_exchange_weak(largest, n, std::memory_order_relaxed)) {}
        s.looks.fetch_add(1, std::memory_order_relaxed);
    };
    std::vector<std::unique_ptr<Process>> workers;
    for (std::uint32_t p = 0; p < 4; ++p)
        workers.push_back(std::make_unique<Process>([&q, &look, p] {
            for (std::uint32_t i = p; i < kItems; i += 4) {
                q.put(i);
                look();
            }
        }));
    for (int c = 0; c < 4; ++c)
        workers.push_back(std::make_unique<Process>([&q, &look] {
            while (q.get() != kStop)
                look();
        }));
    QVERIFY(run_to_the_end(workers, 4, q, kStop));
    QCOMPARE(s.looks.load(), std::uint64_t{2} * kItems);
    QVERIFY2(s.largest.load() <= kMaxsize, std::to_string(s.largest.load()).c_str());
    QCOMPARE(q.qsize(), 0u); // exact once nothing is in flight
}

FORKSCOPE_FORKING_TEST_MAIN(TestQueueLoad)
#include "tst_queueload.moc"
