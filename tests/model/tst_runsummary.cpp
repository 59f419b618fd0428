// RunSummary: the numbers a finished run is judged by, from its recording's processes.

#include "model/recording/recording.h"
#include "model/report/runsummary.h"

#include <QTest>

#include <signal.h>

using forkscope::protocol::Outcome;

class TestRunSummary : public QObject {
    Q_OBJECT

private slots:
    void countsWorkersAndLifetimes();
    void textsAreReadable();
};

namespace {

struct Worker {
    std::optional<int> exitCode;
    qint64 start;
    std::optional<qint64> end;
};

// A run of these workers, with a main process (pid 1) before them; times in ns since its start.
Recording runOf(const std::vector<Worker>& workers)
{
    Recording r;
    r.runStarted(0, 1, 0);
    qint32 pid = 10;
    for (const Worker& w : workers) {
        r.processStarted(pid, 1, w.start, false, QStringLiteral("w%1").arg(pid), QStringLiteral("worker"));
        if (w.end)
            r.processExited(pid, w.exitCode.value_or(0), *w.end);
        ++pid;
    }
    return r;
}

} // namespace

void TestRunSummary::countsWorkersAndLifetimes()
{
    const Recording run = runOf({
        {0, 10, 110},
        {0, 110, 410},
        {3, 410, 500},
        {-SIGKILL, 500, 700},
        {std::nullopt, 700, std::nullopt}, // still running: counted, no lifetime
    });
    const RunSummary s = RunSummary::fromRecording(run, Outcome::Stopped, 800, QStringLiteral("why"));
    QCOMPARE(s.workers, 5);
    QCOMPARE(s.exitedZero, 2);
    QCOMPARE(s.exitedNonZero, 1);
    QCOMPARE(s.endedBySignal, 1);
    QCOMPARE(s.bySignal, (std::map<int, int>{{SIGKILL, 1}}));
    QCOMPARE(s.sumLifetimeNs, qint64(100 + 300 + 90 + 200));
    QCOMPARE(s.maxLifetimeNs, qint64(300));
    QCOMPARE(s.wallNs, qint64(800));
    QCOMPARE(s.message, QStringLiteral("why"));
}

void TestRunSummary::textsAreReadable()
{
    const Recording run = runOf({{0, 0, 500'000'000}, {-SIGTERM, 0, 250'000'000}, {-SIGKILL, 0, 1}, {-SIGKILL, 0, 1}});
    const RunSummary s = RunSummary::fromRecording(run, Outcome::Completed, 510'000'000, {});
    QCOMPARE(s.workersText(),
             QStringLiteral("4 worker(s): 1 exited with code 0, 2 killed by SIGKILL, 1 killed by SIGTERM"));
    QCOMPARE(s.oneLine(), QStringLiteral("completed in 0.510 s (sum of worker lifetimes 0.750 s, longest 0.500 s)"));
    QCOMPARE(RunSummary::outcomeText(Outcome::Killed), QStringLiteral("killed"));
}

QTEST_GUILESS_MAIN(TestRunSummary)
#include "tst_runsummary.moc"
