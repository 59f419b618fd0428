// core::TelemetrySink: every primitive reports what the telemetry layer needs, from whichever
// process acts (the sink is inherited by forked children; this one counts in shared memory).

#include "core/barrier.h"
#include "core/condition.h"
#include "core/event.h"
#include "core/lock.h"
#include "core/pool.h"
#include "core/process.h"
#include "core/queue.h"
#include "core/semaphore.h"
#include "core/telemetry.h"
#include "support/test_main.h"

#include <QTest>

#include <unistd.h>

using namespace forkscope::core;
using namespace std::chrono_literals;

namespace {

struct Counts {
    std::atomic<int> puts{0}, gets{0}, recovered{0}, acquired{0}, released{0}, owner_died{0};
    std::atomic<int> waited[5]{};
    std::atomic<std::uint32_t> last_join_object{0};
    std::atomic<std::int64_t> last_join_ns{-1};
    std::atomic<int> task_begin{0}, task_end{0}, task_failed{0};
    std::atomic<std::uint64_t> last_put_depth{0};
    std::atomic<std::int64_t> longest_blocked{0}, longest_hold{0};
};

class CountingSink final : public TelemetrySink {
public:
    explicit CountingSink(Counts& c) : c_(c) {}
    void queue_put(std::uint32_t, std::uint64_t, std::uint64_t depth, std::int64_t blocked) override
    {
        ++c_.puts;
        c_.last_put_depth = depth;
        note_blocked(blocked);
    }
    void queue_get(std::uint32_t, std::uint64_t, std::uint64_t, std::int64_t blocked) override
    {
        ++c_.gets;
        note_blocked(blocked);
    }
    void queue_recovered(std::uint32_t, std::int32_t, bool) override { ++c_.recovered; }
    void lock_acquired(std::uint32_t, std::int64_t wait, bool died) override
    {
        ++c_.acquired;
        c_.owner_died += died ? 1 : 0;
        note_blocked(wait);
    }
    void lock_released(std::uint32_t, std::int64_t hold) override
    {
        ++c_.released;
        std::int64_t seen = c_.longest_hold.load();
        while (hold > seen && !c_.longest_hold.compare_exchange_weak(seen, hold)) {}
    }
    void waited(WaitKind kind, std::uint32_t object, std::int64_t blocked) override
    {
        ++c_.waited[static_cast<int>(kind)];
        if (kind == WaitKind::Join) {
            c_.last_join_object = object;
            c_.last_join_ns = blocked;
        }
        note_blocked(blocked);
    }
    void state_changed(WorkerState) override {}
    void task_begin(std::uint32_t, std::uint64_t) override { ++c_.task_begin; }
    void task_end(std::uint32_t, std::uint64_t, bool ok) override
    {
        ++c_.task_end;
        c_.task_failed += ok ? 0 : 1;
    }

private:
    void note_blocked(std::int64_t ns)
    {
        std::int64_t seen = c_.longest_blocked.load();
        while (ns > seen && !c_.longest_blocked.compare_exchange_weak(seen, ns)) {}
    }
    Counts& c_;
};

int boom(int n)
{
    if (n < 0)
        throw std::runtime_error("negative");
    return n;
}

} // namespace

class TestTelemetry : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void queueReportsDepthAndBlockedTime();
    void lockReportsWaitHoldAndOwnerDeath();
    void waitsOfTheOtherPrimitivesAreReported();
    void poolWorkersReportTheirTasks();

private:
    std::unique_ptr<SharedObject<Counts>> m_counts;
    std::unique_ptr<CountingSink> m_sink;
};

void TestTelemetry::init()
{
    m_counts = std::make_unique<SharedObject<Counts>>(sizeof(Counts));
    m_sink = std::make_unique<CountingSink>(**m_counts);
    set_telemetry_sink(m_sink.get());
}

void TestTelemetry::cleanup()
{
    set_telemetry_sink(nullptr);
}

void TestTelemetry::queueReportsDepthAndBlockedTime()
{
    Counts& c = **m_counts;
    Queue<int> q(2);
    q.put(1);
    q.put(2);
    QCOMPARE(c.last_put_depth.load(), 2u);
    Process getter([&q] {
        ::usleep(100'000);
        (void)q.get();
    });
    getter.start();
    q.put(3); // blocks until the child's get
    QVERIFY(getter.join(10s));
    QCOMPARE(c.puts.load(), 3);
    QCOMPARE(c.gets.load(), 1); // counted in the child, seen here through shared memory
    QVERIFY(c.longest_blocked.load() >= 50 * 1'000'000);
}

void TestTelemetry::lockReportsWaitHoldAndOwnerDeath()
{
    Counts& c = **m_counts;
    Lock lock;
    Process holder([&lock] {
        lock.acquire();
        ::usleep(100'000);
        ::_exit(0); // dies holding it
    });
    holder.start();
    QVERIFY(holder.join(10s));
    QVERIFY(lock.acquire(true, 5s));
    ::usleep(20'000);
    lock.release();
    QCOMPARE(c.acquired.load(), 2);
    QCOMPARE(c.owner_died.load(), 1);
    QCOMPARE(c.released.load(), 1); // the dead holder never released
    QVERIFY(c.longest_hold.load() >= 15 * 1'000'000);
}

void TestTelemetry::waitsOfTheOtherPrimitivesAreReported()
{
    Counts& c = **m_counts;
    Semaphore semaphore(0);
    Event event;
    Condition condition;
    Barrier barrier(2);
    Process helper([&] {
        ::usleep(30'000);
        semaphore.release();
        ::usleep(30'000);
        event.set();
        ::usleep(30'000);
        {
            std::lock_guard guard(condition);
            condition.notify_all();
        }
        barrier.wait(10s);
    });
    helper.start();
    QVERIFY(semaphore.acquire(true, 10s));
    QVERIFY(event.wait(10s));
    {
        std::lock_guard guard(condition);
        QVERIFY(condition.wait(10s));
    }
    (void)barrier.wait(10s);
    QVERIFY(helper.join(10s));
    for (WaitKind kind : {WaitKind::Semaphore, WaitKind::Event, WaitKind::Condition, WaitKind::Barrier, WaitKind::Join})
        QVERIFY2(c.waited[static_cast<int>(kind)].load() >= 1, std::to_string(static_cast<int>(kind)).c_str());
    // join() names the child it waited for; joining a reaped child again waits for nothing.
    QCOMPARE(c.last_join_object.load(), static_cast<std::uint32_t>(helper.pid()));
    QVERIFY(c.last_join_ns.load() >= 0);
    const int joins = c.waited[static_cast<int>(WaitKind::Join)].load();
    QVERIFY(helper.join(10s));
    QCOMPARE(c.waited[static_cast<int>(WaitKind::Join)].load(), joins);
}

void TestTelemetry::poolWorkersReportTheirTasks()
{
    Counts& c = **m_counts;
    Pool pool(2);
    std::vector<AsyncResult<int>> results;
    for (int i = -1; i < 5; ++i)
        results.push_back(pool.apply_async(boom, i));
    pool.close();
    pool.join();
    QCOMPARE(c.task_begin.load(), 6);
    QCOMPARE(c.task_end.load(), 6);
    QCOMPARE(c.task_failed.load(), 1);
}

FORKSCOPE_FORKING_TEST_MAIN(TestTelemetry)
#include "tst_telemetry.moc"
