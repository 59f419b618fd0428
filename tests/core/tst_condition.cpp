// core::Condition across processes: the classic "wait until ready" handshake.

#include "core/condition.h"

#include "core/clock.h"
#include "core/process.h"
#include "core/value.h"
#include "support/test_main.h"

#include <QTest>

#include <unistd.h>

#include <mutex>

using namespace forkscope::core;
using namespace std::chrono_literals;

class TestCondition : public QObject {
    Q_OBJECT

private slots:
    void waitForSeesTheNotifiedState();
    void waitTimesOutHoldingTheLock();
    void misuseIsAnError();
    void nestedRLockIsReleasedWhileWaiting();
};

void TestCondition::waitForSeesTheNotifiedState()
{
    Condition cond;
    Value<int> stage(0);
    Process consumer([&cond, &stage] {
        std::lock_guard guard(cond);
        for (int want = 1; want <= 3; ++want) {
            if (!cond.wait_for([&] { return stage.raw() >= want; }, 10s))
                throw SystemExit{want};
        }
    });
    consumer.start();
    for (int s = 1; s <= 3; ++s) {
        ::usleep(20'000);
        std::lock_guard guard(cond);
        stage.raw() = s;
        cond.notify_all();
    }
    QVERIFY(consumer.join(20s));
    QCOMPARE(*consumer.exitcode(), 0);
}

void TestCondition::waitTimesOutHoldingTheLock()
{
    Lock lock;
    Condition cond(lock);
    std::lock_guard guard(cond);
    const std::int64_t begin = monotonic_ns();
    QVERIFY(!cond.wait(50ms));
    QVERIFY(monotonic_ns() - begin >= 50 * kNsPerMs);
    QVERIFY(lock.held()); // taken back on return
}

void TestCondition::misuseIsAnError()
{
    Condition cond;
    QVERIFY_THROWS_EXCEPTION(LockError, cond.wait(1ms));
    QVERIFY_THROWS_EXCEPTION(LockError, cond.notify());
}

void TestCondition::nestedRLockIsReleasedWhileWaiting()
{
    RLock lock;
    Condition cond(lock);
    lock.acquire();
    lock.acquire(); // held twice
    Process notifier([&cond] {
        std::lock_guard guard(cond); // possible only if the waiter let go of both levels
        cond.notify();
    });
    notifier.start();
    QVERIFY(cond.wait(10s));
    QVERIFY(notifier.join(10s));
    QCOMPARE(*notifier.exitcode(), 0);
    lock.release();
    lock.release();
    QVERIFY_THROWS_EXCEPTION(LockError, lock.release()); // exactly two levels were held again
}

FORKSCOPE_FORKING_TEST_MAIN(TestCondition)
#include "tst_condition.moc"
