// core::Event across processes.

#include "core/event.h"

#include "core/clock.h"
#include "core/process.h"
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

FORKSCOPE_FORKING_TEST_MAIN(TestEvent)
#include "tst_event.moc"
