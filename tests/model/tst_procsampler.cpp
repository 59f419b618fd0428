// ProcSampler: CPU % and RSS from /proc, and the table showing them.

#include "core/clock.h"
#include "model/procsampler.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <unistd.h>

class TestProcSampler : public QObject {
    Q_OBJECT

private slots:
    void parsesStatAndStatm();
    void samplesThisProcess();
    void tableShowsUsage();
};

void TestProcSampler::parsesStatAndStatm()
{
    // A name with a space and a parenthesis: fields are counted after the last ')'.
    const QByteArray stat = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 25 17 0 0 20 0 1 0 123 4096 100";
    QCOMPARE(ProcSampler::cpuTicks(stat), std::optional<qint64>(42));
    QCOMPARE(ProcSampler::cpuTicks("garbage"), std::nullopt);
    QCOMPARE(ProcSampler::cpuTicks("1 (x) S 1 2"), std::nullopt);
    QCOMPARE(ProcSampler::runState(stat), std::optional<char>('S'));
    QCOMPARE(ProcSampler::runState("7 (a) b) T 1"), std::optional<char>('T'));
    QCOMPARE(ProcSampler::runState("7 (a)"), std::nullopt);
    QCOMPARE(ProcSampler::residentPages("1000 250 30 1 0 60 0\n"), std::optional<qint64>(250));
    QCOMPARE(ProcSampler::residentPages(""), std::nullopt);
}

void TestProcSampler::samplesThisProcess()
{
    ProcessRow me;
    me.pid = ::getpid();
    ProcSampler sampler;
    auto first = sampler.sample({me}, forkscope::core::monotonic_ns());
    QCOMPARE(first.size(), 1);
    QCOMPARE(first[0].cpuPercent, -1.0); // nothing to compare with yet
    QVERIFY(first[0].rssBytes > 1 << 20);
    const std::int64_t until = forkscope::core::monotonic_ns() + 300'000'000;
    volatile std::uint64_t sink = 0;
    while (forkscope::core::monotonic_ns() < until)
        sink = sink + 1; // keep a CPU busy
    const auto second = sampler.sample({me}, forkscope::core::monotonic_ns());
    QVERIFY2(second[0].cpuPercent > 5.0 && second[0].cpuPercent < 150.0, QByteArray::number(second[0].cpuPercent).constData());
    me.state = ProcessRow::State::Exited;
    QVERIFY(sampler.sample({me}, forkscope::core::monotonic_ns()).isEmpty()); // the exited are left alone
}

void TestProcSampler::tableShowsUsage()
{
    ProcessTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ProcessRow row;
    row.name = QStringLiteral("worker-0");
    row.pid = 4242;
    model.addProcess(row);
    QCOMPARE(model.index(0, ProcessTableModel::CpuColumn).data().toString(), QString());
    QSignalSpy changed(&model, &ProcessTableModel::dataChanged);
    model.setUsage({{4242, 12.5, 3 << 20, false}, {999, 1.0, 1, false}}); // an unknown pid is ignored
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.index(0, ProcessTableModel::CpuColumn).data().toString(), QStringLiteral("12.5 %"));
    QCOMPARE(model.index(0, ProcessTableModel::RssColumn).data().toString(), QStringLiteral("3.0 MiB"));
    QCOMPARE(model.index(0, ProcessTableModel::RssColumn).data(ProcessTableModel::SortRole).toLongLong(), 3 << 20);
    QCOMPARE(model.headerData(ProcessTableModel::CpuColumn, Qt::Horizontal).toString(), QStringLiteral("CPU"));
    QCOMPARE(model.index(0, ProcessTableModel::StateColumn).data().toString(), QStringLiteral("running"));
    // A sample that finds it stopped (state T) says so, and the next one that it runs again.
    model.setUsage({{4242, 0.0, 3 << 20, true}});
    QCOMPARE(model.index(0, ProcessTableModel::StateColumn).data().toString(), QStringLiteral("stopped (SIGSTOP)"));
    model.setUsage({{4242, 0.0, 3 << 20, false}});
    QCOMPARE(model.index(0, ProcessTableModel::StateColumn).data().toString(), QStringLiteral("running"));
    // Tasks done come from the recording, in one update for every row.
    QSignalSpy tasks(&model, &ProcessTableModel::dataChanged);
    model.setTasksDone({{4242, 17}, {999, 3}});
    QCOMPARE(tasks.count(), 1);
    QCOMPARE(model.index(0, ProcessTableModel::TasksColumn).data().toString(), QStringLiteral("17"));
    QCOMPARE(model.index(0, ProcessTableModel::TasksColumn).data(ProcessTableModel::SortRole).toULongLong(), 17ULL);
    model.setTasksDone({{4242, 17}});
    QCOMPARE(tasks.count(), 1); // nothing changed, nothing announced
}

QTEST_GUILESS_MAIN(TestProcSampler)
#include "tst_procsampler.moc"
