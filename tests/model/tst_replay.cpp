// Replay: a finished run fed again, in time order, into a new Recording. Replayed to its end it
// equals the run; at a moment in between it holds exactly what had happened by then; going back
// starts again and ends in the same place.

#include "model/recording/replay.h"
#include "support/synthetic_run.h"

#include <QTest>

#include <csignal>

using forkscope::core::EventKind;
using forkscope::core::WorkerState;
using forkscope::testing::ev;

namespace {

// Three workers taking a lock in tasks, with output, a STOP/CONT, one killed, all joined.
Recording finishedRun()
{
    Recording r = forkscope::testing::runWithWorkers(3);
    r.setScenario(QStringLiteral("pool"), R"({"size":3})");
    for (const RecordedEvent& e : forkscope::testing::lockedTasks(3, 20, 7))
        r.append(e);
    const qint64 end = r.durationNs();
    r.logLine(101, end / 4, QStringLiteral("worker-0: halfway"));
    r.logLine(100, end / 2, QStringLiteral("main: waiting"));
    r.signalSent(102, SIGSTOP, end / 3);
    r.signalSent(102, SIGCONT, end / 3 + 1000);
    // The parent writes a child's exit into its own ring, naming the child's ring.
    r.append(ev(end + 10, 0, EventKind::ProcessExit, 3, 103, -9));
    r.processExited(103, -9, end + 15);
    for (qint32 pid : {101, 102}) {
        r.append(
            ev(end + 20, 0, EventKind::ProcessExit, static_cast<quint32>(pid - 100), static_cast<quint64>(pid), 0));
        r.processExited(pid, 0, end + 25);
    }
    for (qint32 pid : {101, 102, 103})
        r.processJoined(pid, end + 30);
    r.setResult(R"({"tasks":60})");
    r.runFinished(end + 40);
    return r;
}

} // namespace

class TestReplay : public QObject {
    Q_OBJECT

private slots:
    void replayedToTheEndEqualsTheRun();
    void aMomentHoldsWhatHadHappenedByThen();
    void goingBackStartsAgainAndEndsTheSame();
};

void TestReplay::replayedToTheEndEqualsTheRun()
{
    const Recording full = finishedRun();
    Replay replay(full);
    auto partial = replay.restart();
    replay.advance(full.durationNs(), *partial);
    QVERIFY(partial->finished());
    QCOMPARE(partial->log().size(), std::size_t{2});
    QCOMPARE(partial->eventCount(), full.eventCount());
    QCOMPARE(partial->lanes().size(), full.lanes().size());
    for (std::size_t i = 0; i < full.lanes().size(); ++i)
        QVERIFY2(partial->lanes()[i] == full.lanes()[i], qPrintable(full.lanes()[i].name));
    QVERIFY(*partial == full);
}

void TestReplay::aMomentHoldsWhatHadHappenedByThen()
{
    const Recording full = finishedRun();
    Replay replay(full);
    auto partial = replay.restart();
    const qint64 t = full.durationNs() / 3 + 500; // worker-1 stopped, worker-0 has printed
    replay.advance(t, *partial);
    QCOMPARE(replay.positionNs(), t);
    QVERIFY(!partial->finished());
    quint64 before = 0;
    for (const RecordedEvent& e : full.events())
        before += e.timeNs <= t ? 1 : 0;
    QCOMPARE(partial->eventCount(), before);
    QVERIFY(before > 0 && before < full.eventCount());
    QCOMPARE(partial->log().size(), std::size_t{1});
    QCOMPARE(partial->lanes()[2].signalsSent.size(), std::size_t{1}); // the STOP, not yet the CONT
    QVERIFY(!partial->lanes()[3].exitCode); // not killed yet
    // What a lock's holder and a task's progress are at that moment comes from the same events.
    quint64 tasksDone = 0;
    for (const Lane& lane : partial->lanes())
        tasksDone += lane.tasksDone;
    QCOMPARE(partial->taskNs().count(), tasksDone);
    QVERIFY(tasksDone < full.taskNs().count());
}

void TestReplay::goingBackStartsAgainAndEndsTheSame()
{
    const Recording full = finishedRun();
    Replay replay(full);
    auto partial = replay.restart();
    // Forward in small steps, as playing does: the same as one jump.
    for (qint64 t = 0; t < full.durationNs(); t += full.durationNs() / 37)
        replay.advance(t, *partial);
    replay.advance(full.durationNs(), *partial);
    QVERIFY(*partial == full);
    partial = replay.restart();
    QCOMPARE(replay.positionNs(), qint64{0});
    QCOMPARE(partial->eventCount(), quint64{0});
    QCOMPARE(partial->lanes().size(), std::size_t{1}); // the main process only
    replay.advance(full.durationNs(), *partial);
    QVERIFY(*partial == full);
}

QTEST_GUILESS_MAIN(TestReplay)
#include "tst_replay.moc"
