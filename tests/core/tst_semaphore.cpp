// core::Semaphore and BoundedSemaphore across processes.

#include "core/semaphore.h"

#include "core/clock.h"
#include "core/process.h"
#include "support/test_main.h"

#include <QTest>

#include <unistd.h>

#include <memory>
#include <vector>

using namespace forkscope::core;
using namespace std::chrono_literals;

namespace {
struct Occupancy {
    std::atomic<std::uint32_t> inside{0};
    std::atomic<std::uint32_t> most{0};
};
} // namespace

class TestSemaphore : public QObject {
    Q_OBJECT

private slots:
    void countsDownAndUp();
    void limitsHowManyAreInside();
    void timeoutAndNonBlocking();
    void boundedRefusesExtraReleases();
};

void TestSemaphore::countsDownAndUp()
{
    Semaphore s(2);
    QCOMPARE(s.get_value(), 2u);
    QVERIFY(s.acquire());
    QVERIFY(s.acquire());
    QVERIFY(!s.acquire(false));
    s.release(2);
    QCOMPARE(s.get_value(), 2u);
    s.release(); // a plain Semaphore may go above its start, as in Python
    QCOMPARE(s.get_value(), 3u);
}

void TestSemaphore::limitsHowManyAreInside()
{
    Semaphore permits(3);
    SharedObject<Occupancy> occupancy(sizeof(Occupancy));
    std::vector<std::unique_ptr<Process>> workers;
    for (int i = 0; i < 8; ++i) {
        workers.push_back(std::make_unique<Process>([&permits, &occupancy] {
            for (int n = 0; n < 50; ++n) {
                std::lock_guard guard(permits);
                const std::uint32_t now = occupancy->inside.fetch_add(1) + 1;
                std::uint32_t most = occupancy->most.load();
                while (now > most && !occupancy->most.compare_exchange_weak(most, now)) {}
                ::usleep(200);
                occupancy->inside.fetch_sub(1);
            }
        }));
        workers.back()->start();
    }
    for (auto& w : workers)
        QVERIFY(w->join(60s));
    QVERIFY(occupancy->most.load() <= 3u);
    QVERIFY(occupancy->most.load() >= 2u); // and it did let several in at once
    QCOMPARE(permits.get_value(), 3u);
}

void TestSemaphore::timeoutAndNonBlocking()
{
    Semaphore s(0);
    const std::int64_t begin = monotonic_ns();
    QVERIFY(!s.acquire(true, 100ms));
    QVERIFY(monotonic_ns() - begin >= 100 * kNsPerMs);
    Process releaser([&s] {
        ::usleep(100'000);
        s.release();
    });
    releaser.start();
    QVERIFY(s.acquire(true, 10s)); // woken by another process
    QVERIFY(releaser.join(10s));
}

void TestSemaphore::boundedRefusesExtraReleases()
{
    BoundedSemaphore s(2);
    QVERIFY(s.acquire());
    s.release();
    QVERIFY_THROWS_EXCEPTION(std::logic_error, s.release());
    QCOMPARE(s.get_value(), 2u); // unchanged by the refused release
}

FORKSCOPE_FORKING_TEST_MAIN(TestSemaphore)
#include "tst_semaphore.moc"
