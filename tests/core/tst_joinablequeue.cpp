// core::JoinableQueue: task_done()/join() as in Python, including the seed's daemon consumers.

#include "core/queue.h"

#include "core/clock.h"
#include "core/liveness.h"
#include "core/process.h"
#include "support/queue_test_access.h"
#include "support/test_main.h"

#include <QTest>

#include <unistd.h>

#include <memory>
#include <vector>

using namespace forkscope::core;
using namespace std::chrono_literals;

namespace {

struct Shared {
    std::atomic<std::uint32_t> done{0};
    std::atomic<std::uint64_t> unfinished_at_join{99};
    std::atomic<pid_t> consumers[2];
};

} // namespace

class TestJoinableQueue : public QObject {
    Q_OBJECT

private slots:
    void taskDoneMoreThanPutsIsAnError();
    void joinWaitsForEveryTaskDone();
    void daemonConsumersEndWithTheMainProcess();
    void aLostPutDoesNotHoldUpJoin();
};

void TestJoinableQueue::taskDoneMoreThanPutsIsAnError()
{
    JoinableQueue<int> q;
    q.put(1);
    (void)q.get();
    q.task_done();
    QVERIFY_THROWS_EXCEPTION(std::logic_error, q.task_done());
    QCOMPARE(q.unfinished_tasks(), 0u);
}

void TestJoinableQueue::joinWaitsForEveryTaskDone()
{
    JoinableQueue<int> q;
    for (int i = 0; i < 3; ++i)
        q.put(i);
    QVERIFY(!q.join(50ms)); // nothing done yet
    for (int i = 0; i < 3; ++i)
        QCOMPARE(q.get(), i);
    QVERIFY(!q.join(20ms)); // got, but not done
    Process worker([&q] {
        for (int i = 0; i < 3; ++i) {
            ::usleep(20'000);
            q.task_done();
        }
    });
    worker.start();
    const std::int64_t begin = monotonic_ns();
    QVERIFY(q.join(10s));
    QVERIFY(monotonic_ns() - begin >= 50 * kNsPerMs); // it really waited for the worker
    QVERIFY(worker.join(10s));
}

void TestJoinableQueue::daemonConsumersEndWithTheMainProcess()
{
    // Seed 001: a producer puts items, then q.join()s; two daemon consumers loop for ever on
    // get() and task_done(). Once the producer is joined the main program ends, and the daemons
    // are terminated with it. The seed's main process is a child here, so its end is observable.
    JoinableQueue<int> q;
    SharedObject<Shared> shared(sizeof(Shared));
    Process main([&q, &shared] {
        std::vector<std::unique_ptr<Process>> consumers;
        for (int c = 0; c < 2; ++c) {
            consumers.push_back(std::make_unique<Process>([&q, &shared] {
                for (;;) {
                    (void)q.get();
                    shared->done.fetch_add(1);
                    q.task_done();
                }
            }));
            consumers.back()->set_daemon(true); // without it they would never end
            consumers.back()->start();
            shared->consumers[c] = consumers.back()->pid();
        }
        Process producer([&q, &shared] {
            for (int i = 0; i < 5; ++i)
                q.put(i);
            q.join(); // returns once the consumers have done all five
            shared->unfinished_at_join = q.unfinished_tasks();
        });
        producer.start();
        producer.join();
    }); // finalize_children() terminates the daemons here
    main.start();
    QVERIFY(main.join(20s));
    QCOMPARE(*main.exitcode(), 0);
    QCOMPARE(shared->done.load(), 5u);
    QCOMPARE(shared->unfinished_at_join.load(), 0u);
    for (const auto& pid : shared->consumers)
        QVERIFY(process_has_ended(pid.load()));
}

void TestJoinableQueue::aLostPutDoesNotHoldUpJoin()
{
    JoinableQueue<int> q(4);
    forkscope::core::detail::QueueEngineTestAccess::claim_put(forkscope::testing::engine_of(q),
                                                              forkscope::testing::dead_pid());
    QCOMPARE(q.unfinished_tasks(), 1u);
    QCOMPARE(q.recover(), 1u);
    QCOMPARE(q.unfinished_tasks(), 0u);
    QVERIFY(q.join(1s));
}

FORKSCOPE_FORKING_TEST_MAIN(TestJoinableQueue)
#include "tst_joinablequeue.moc"
