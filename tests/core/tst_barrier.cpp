// core::Barrier across processes.

#include "core/barrier.h"

#include "core/process.h"
#include "core/value.h"
#include "support/test_main.h"

#include <QTest>

#include <memory>
#include <set>
#include <vector>

using namespace forkscope::core;
using namespace std::chrono_literals;

class TestBarrier : public QObject {
    Q_OBJECT

private slots:
    void everyPartyGetsADistinctIndex();
    void aTimeoutBreaksItForEveryone();
    void abortAndReset();
    void badPartiesAreRejected();
};

void TestBarrier::everyPartyGetsADistinctIndex()
{
    constexpr int kParties = 4, kRounds = 20;
    Barrier barrier(kParties);
    Array<int> seen(kParties * kRounds, -1);
    std::vector<std::unique_ptr<Process>> parties;
    for (int p = 0; p < kParties; ++p) {
        parties.push_back(std::make_unique<Process>([&barrier, &seen, p] {
            for (int r = 0; r < kRounds; ++r)
                seen.set(static_cast<std::size_t>(r * kParties + p), static_cast<int>(barrier.wait(10s)));
        }));
        parties.back()->start();
    }
    for (auto& p : parties) {
        QVERIFY(p->join(30s));
        QCOMPARE(*p->exitcode(), 0);
    }
    for (int r = 0; r < kRounds; ++r) {
        std::set<int> indices;
        for (int p = 0; p < kParties; ++p)
            indices.insert(seen.get(static_cast<std::size_t>(r * kParties + p)));
        QCOMPARE(indices, (std::set<int>{0, 1, 2, 3}));
    }
    QCOMPARE(barrier.n_waiting(), 0u);
}

void TestBarrier::aTimeoutBreaksItForEveryone()
{
    Barrier barrier(3);
    Process waiter([&barrier] {
        try {
            barrier.wait(10s);
            throw SystemExit{1};
        } catch (const BrokenBarrierError&) {
            throw SystemExit{0};
        }
    });
    waiter.start();
    QVERIFY(!waiter.join(50ms));
    QVERIFY_THROWS_EXCEPTION(BrokenBarrierError, barrier.wait(100ms)); // the third party never comes
    QVERIFY(waiter.join(10s));
    QCOMPARE(*waiter.exitcode(), 0); // the other waiter was released with the error too
    QVERIFY(barrier.broken());
    QVERIFY_THROWS_EXCEPTION(BrokenBarrierError, barrier.wait());
}

void TestBarrier::abortAndReset()
{
    Barrier barrier(2);
    barrier.abort();
    QVERIFY(barrier.broken());
    QVERIFY_THROWS_EXCEPTION(BrokenBarrierError, barrier.wait(1s));
    barrier.reset();
    QVERIFY(!barrier.broken());
    Process other([&barrier] { barrier.wait(10s); });
    other.start();
    (void)barrier.wait(10s); // usable again
    QVERIFY(other.join(10s));
    QCOMPARE(*other.exitcode(), 0);
}

void TestBarrier::badPartiesAreRejected()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Barrier(0));
    Barrier one(1);
    QCOMPARE(one.wait(), 0u); // a party of one never waits
}

FORKSCOPE_FORKING_TEST_MAIN(TestBarrier)
#include "tst_barrier.moc"
