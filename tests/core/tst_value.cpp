// core::Value and Array: the seeds' "globals are not shared, Value is" and the classic race.

#include "core/value.h"

#include "core/process.h"
#include "support/test_main.h"

#include <QTest>

#include <memory>
#include <vector>

using namespace forkscope::core;
using namespace std::chrono_literals;

namespace {
int g_counter = 0; // an ordinary global: each process has its own copy
}

class TestValue : public QObject {
    Q_OBJECT

private slots:
    void aGlobalIsNotSharedAValueIs();
    void incrementsUnderTheLockAreExact();
    void arrayIndexesAreChecked();
};

void TestValue::aGlobalIsNotSharedAValueIs()
{
    Value<int> shared(0);
    g_counter = 0;
    Process child([&shared] {
        g_counter += 10;
        shared.set(shared.get() + 10);
    });
    child.start();
    QVERIFY(child.join(10s));
    QCOMPARE(g_counter, 0); // the child changed its own copy
    QCOMPARE(shared.get(), 10); // the Value is the same memory
}

void TestValue::incrementsUnderTheLockAreExact()
{
    constexpr int kProcesses = 4, kIncrements = 10000;
    Value<long> value(0);
    std::vector<std::unique_ptr<Process>> workers;
    for (int i = 0; i < kProcesses; ++i) {
        workers.push_back(std::make_unique<Process>([&value] {
            for (int n = 0; n < kIncrements; ++n) {
                std::lock_guard guard(value.get_lock()); // Python: with v.get_lock(): v.value += 1
                value.raw() += 1;
            }
        }));
        workers.back()->start();
    }
    for (auto& w : workers)
        QVERIFY(w->join(60s));
    QCOMPARE(value.get(), long{kProcesses} * kIncrements);
}

void TestValue::arrayIndexesAreChecked()
{
    Array<double> a(4, 1.5);
    QCOMPARE(a.size(), 4u);
    QCOMPARE(a.get(3), 1.5);
    a.set(2, 7.0);
    Process child([&a] { a.set(0, a.get(2) * 2); });
    child.start();
    QVERIFY(child.join(10s));
    QCOMPARE(a.get(0), 14.0);
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, (void)a.get(4));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Array<int>(0));
}

FORKSCOPE_FORKING_TEST_MAIN(TestValue)
#include "tst_value.moc"
