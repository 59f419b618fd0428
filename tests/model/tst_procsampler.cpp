// ProcSampler: CPU % and RSS from /proc, of a run's running processes.

#include "core/clock.h"
#include "model/live/procsampler.h"
#include "model/recording/recording.h"

#include <QTest>

#include <unistd.h>

class TestProcSampler : public QObject {
    Q_OBJECT

private slots:
    void parsesStatAndStatm();
    void samplesThisProcess();
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
    Recording run; // this process as a run's main process, and once more as a worker of it
    run.runStarted(forkscope::core::monotonic_ns(), ::getpid(), ::getppid());
    ProcSampler sampler;
    auto first = sampler.sample(run, forkscope::core::monotonic_ns());
    QCOMPARE(first.size(), 1);
    QCOMPARE(first[0].cpuPercent, -1.0); // nothing to compare with yet
    QVERIFY(first[0].rssBytes > 1 << 20);
    const std::int64_t until = forkscope::core::monotonic_ns() + 300'000'000;
    volatile std::uint64_t sink = 0;
    while (forkscope::core::monotonic_ns() < until)
        sink = sink + 1; // keep a CPU busy
    const auto second = sampler.sample(run, forkscope::core::monotonic_ns());
    QVERIFY2(second[0].cpuPercent > 5.0 && second[0].cpuPercent < 150.0,
             QByteArray::number(second[0].cpuPercent).constData());
    QCOMPARE(second[0].pid, qint64{::getpid()});
    run.runFinished(forkscope::core::monotonic_ns());
    QVERIFY(sampler.sample(run, forkscope::core::monotonic_ns()).isEmpty()); // the ended are left alone
}

QTEST_GUILESS_MAIN(TestProcSampler)
#include "tst_procsampler.moc"
