// RunSummary: the numbers a finished run is judged by, from its process rows.

#include "model/runsummary.h"

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

ProcessRow row(bool main, std::optional<int> exitCode, qint64 start, std::optional<qint64> end)
{
    ProcessRow r;
    r.isMain = main;
    r.exitCode = exitCode;
    r.startNs = start;
    r.endNs = end;
    return r;
}

} // namespace

void TestRunSummary::countsWorkersAndLifetimes()
{
    const QVector<ProcessRow> rows{
        row(true, std::nullopt, 0, 900),
        row(false, 0, 10, 110),
        row(false, 0, 110, 410),
        row(false, 3, 410, 500),
        row(false, -SIGKILL, 500, 700),
        row(false, std::nullopt, 700, std::nullopt), // still running: counted, no lifetime
    };
    const RunSummary s = RunSummary::fromRows(rows, Outcome::Stopped, 800, QStringLiteral("why"));
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
    const QVector<ProcessRow> rows{row(false, 0, 0, 500'000'000), row(false, -SIGTERM, 0, 250'000'000),
                                   row(false, -SIGKILL, 0, 1), row(false, -SIGKILL, 0, 1)};
    const RunSummary s = RunSummary::fromRows(rows, Outcome::Completed, 510'000'000, {});
    QCOMPARE(s.workersText(), QStringLiteral("4 worker(s): 1 exited with code 0, 2 killed by SIGKILL, 1 killed by SIGTERM"));
    QCOMPARE(s.oneLine(), QStringLiteral("completed in 0.510 s (sum of worker lifetimes 0.750 s, longest 0.500 s)"));
    QCOMPARE(RunSummary::outcomeText(Outcome::Killed), QStringLiteral("killed"));
}

QTEST_GUILESS_MAIN(TestRunSummary)
#include "tst_runsummary.moc"
