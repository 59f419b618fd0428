// RunController on a real fork server: a run fills its recording — and so the process table that
// follows it — with real PIDs, stops on request, and refused or failed runs are reported. A saved
// run and its replay reach the table the same way: another recording to follow.

#include "model/files/runfile.h"
#include "model/files/runfilereader.h"
#include "model/files/traceexport.h"
#include "model/live/forkserverclient.h"
#include "model/live/runcontroller.h"
#include "model/report/recordingreport.h"
#include "model/report/textformat.h"
#include "model/views/processtablemodel.h"
#include "model/views/timelinemodel.h"
#include "support/run_client.h"
#include "support/test_main.h"

#include <nlohmann/json.hpp>

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/prctl.h>

#include <algorithm>
#include <map>
#include <set>

using forkscope::protocol::Outcome;
using forkscope::scenarios::ForkServerProcess;

namespace {
ForkServerProcess g_server; // forked in main(), before QTest's threads
ForkServerProcess g_doomed; // its socket is shut down by a test
} // namespace

class TestRunController : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void aRunFillsTheTableWithRealProcesses();
    void aSavedRunAndItsReplayReachTheTableAlike();
    void aRealRunExportsNestedAndReloadsEqual();
    void pastTheEventStoreTheTableCountsWhatTheConsumersCounted();
    void aPoolNamesItsQueues_data();
    void aPoolNamesItsQueues();
    void stopEndsTheRunAsStopped();
    void aRefusedRunIsReported();
    void onlyOneRunAtATime();
    void losingTheServerEndsTheRun();

private:
    ForkServerClient* m_client = nullptr;
};

void TestRunController::initTestCase()
{
    m_client = new ForkServerClient(std::move(g_server), this);
}

void TestRunController::aRunFillsTheTableWithRealProcesses()
{
    RunController controller(m_client);
    controller.setEventLimit(200'000);
    ProcessTableModel table; // as the window's: following the recording at every change
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(&controller, &RunController::recordingChanged, &table, [&] { table.follow(controller.recording()); });
    QSignalSpy finished(&controller, &RunController::finished);
    QVERIFY(controller.start(QStringLiteral("processes"), nlohmann::json::parse(R"({"workers": 6, "work_ms": 30})")));
    QCOMPARE(controller.state(), RunController::State::Starting);
    QVERIFY(finished.wait(20000));
    QCOMPARE(controller.state(), RunController::State::Finished);

    QCOMPARE(table.rowCount(), 7); // MainProcess and six workers
    auto cell = [&](int row, int column) { return table.index(row, column).data(ProcessTableModel::SortRole); };
    QCOMPARE(table.index(0, ProcessTableModel::NameColumn).data().toString(), QStringLiteral("MainProcess"));
    QCOMPARE(table.index(0, ProcessTableModel::StateColumn).data().toString(), QStringLiteral("finished"));
    std::set<qint64> pids;
    for (int row = 1; row < 7; ++row) {
        pids.insert(cell(row, ProcessTableModel::PidColumn).toLongLong());
        QCOMPARE(cell(row, ProcessTableModel::PpidColumn).toLongLong(),
                 cell(0, ProcessTableModel::PidColumn).toLongLong());
        QCOMPARE(table.index(row, 0).data(ProcessTableModel::StateRole).toInt(), int(ProcessState::Joined));
        QCOMPARE(table.index(row, 0).data(ProcessTableModel::ExitCodeRole), QVariant(0));
        // The parent stamps a start once fork() returns to it, which under load can be well after
        // the child began its 30 ms: the work's own length is checked on the recording below.
        QVERIFY(cell(row, ProcessTableModel::EndColumn).toLongLong() >
                cell(row, ProcessTableModel::StartColumn).toLongLong());
    }
    QCOMPARE(pids.size(), 6u);

    const RunSummary summary = finished.at(0).at(0).value<RunSummary>();
    QCOMPARE(summary.outcome, Outcome::Completed);
    QCOMPARE(summary.workers, 6);
    QCOMPARE(summary.exitedZero, 6);
    QCOMPARE(summary.wallNs, controller.elapsedNs());
    QVERIFY(summary.wallNs >= summary.maxLifetimeNs);

    // The recording has the same processes, each on the lane of its telemetry ring, and what
    // each did: a sleeping span of at least the work time, ended by its exit.
    const Recording* recording = controller.recording();
    QVERIFY(recording && recording->finished());
    QCOMPARE(recording->lanes().size(), std::size_t{7});
    QCOMPARE(recording->lanes()[0].pid, cell(0, ProcessTableModel::PidColumn).toLongLong());
    QCOMPARE(recording->dropped(), 0u);
    QVERIFY(recording->log().size() >= 13); // two lines per worker and the main process's own
    for (std::size_t i = 1; i < 7; ++i) {
        const Lane& lane = recording->lanes()[i];
        QVERIFY(pids.count(lane.pid));
        QVERIFY(lane.ring > 0);
        QCOMPARE(lane.exitCode, std::optional<qint32>(0));
        // The exit may come from the telemetry event (TSC, calibrated) and the join from the
        // message (CLOCK_MONOTONIC): allow the two clocks 0.1 ms of disagreement.
        QVERIFY(lane.joinNs >= lane.exitNs - 100'000);
        const auto sleeping = std::find_if(lane.spans.begin(), lane.spans.end(), [](const Span& s) {
            return s.kind == SpanKind::State && s.detail == quint8(forkscope::core::WorkerState::Sleeping);
        });
        QVERIFY(sleeping != lane.spans.end());
        QVERIFY(sleeping->endNs - sleeping->beginNs >= 30'000'000);
        // Not checked against startNs: that is the parent's stamp once fork() returned to it,
        // which under load comes after the child has begun (see the row check above).
        QVERIFY(sleeping->beginNs >= 0 && sleeping->endNs <= lane.exitNs);
    }
    QVERIFY(recording->eventCount() >= 6u * 3); // start, two states per worker, exits
}

void TestRunController::aSavedRunAndItsReplayReachTheTableAlike()
{
    RunController live(m_client);
    QSignalSpy liveFinished(&live, &RunController::finished);
    QVERIFY(live.start(QStringLiteral("processes"), nlohmann::json::parse(R"({"workers": 3, "work_ms": 20})")));
    QVERIFY(liveFinished.wait(20000));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.json"));
    QVERIFY(!runfile::save(*live.recording(), path));
    runfile::Loaded loaded = runfile::load(path);
    QVERIFY2(loaded.recording, qPrintable(loaded.error));

    RunController controller(m_client);
    controller.setEventLimit(200'000);
    ProcessTableModel table;
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(&controller, &RunController::recordingChanged, &table, [&] { table.follow(controller.recording()); });
    QSignalSpy finished(&controller, &RunController::finished);
    QVERIFY(controller.showRecording(std::move(loaded.recording)));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(controller.summary()->workers, 3);
    QCOMPARE(controller.summary()->exitedZero, 3);
    QCOMPARE(table.rowCount(), 4);
    auto states = [&] {
        std::vector<int> out;
        for (int row = 0; row < table.rowCount(); ++row)
            out.push_back(table.index(row, 0).data(ProcessTableModel::StateRole).toInt());
        return out;
    };
    const std::vector<int> joined(4, int(ProcessState::Joined));
    QCOMPARE(states(), joined);

    // A moment before the last worker was joined: another recording, the same table.
    const Lane& last = controller.recording()->lanes().back();
    const qint64 moment = last.startNs + 1;
    controller.replayTo(moment);
    QVERIFY(controller.isReplaying());
    QVERIFY(table.rowCount() >= 1 && table.rowCount() <= 4);
    QCOMPARE(table.index(0, ProcessTableModel::StateColumn).data().toString(), QStringLiteral("running"));
    controller.endReplay();
    QCOMPARE(table.rowCount(), 4);
    QCOMPARE(states(), joined);
    QCOMPARE(controller.summary()->workers, 3); // its outcome stays its own
}

void TestRunController::aRealRunExportsNestedAndReloadsEqual()
{
    // Producers and consumers on a queue of two: the busiest mix of
    // queue, task and state events a short run makes. Its trace parses and nests on every lane,
    // and its run file loads back into an equal recording.
    RunController controller(m_client);
    QSignalSpy finished(&controller, &RunController::finished);
    QVERIFY(controller.start(QStringLiteral("producer-consumer"),
                             nlohmann::json::parse(R"({"producers": 2, "consumers": 3, "capacity": 2, "items": 40,
                                                       "produce_ms": 0, "consume_ms": 1, "consume_dist": "exponential"})")));
    QVERIFY(finished.wait(30000));
    const Recording& r = *controller.recording();
    QCOMPARE(r.queues().size(), std::size_t{1});
    QCOMPARE(r.queues().begin()->second.gets, 80u + 3u); // the items and the three sentinels
    QCOMPARE(r.taskNs().count(), 80u); // each consumed item is a task
    QVERIFY(!r.resultJson().empty());

    QTemporaryDir dir;
    const QString trace = dir.filePath(QStringLiteral("trace.json")), run = dir.filePath(QStringLiteral("run.json"));
    QVERIFY(!exports::writeChromeTrace(r, trace));
    QFile file(trace);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error{};
    const QJsonArray events =
        QJsonDocument::fromJson(file.readAll(), &error).object().value(QStringLiteral("traceEvents")).toArray();
    QCOMPARE(error.error, QJsonParseError::NoError);
    std::map<int, std::vector<std::pair<double, double>>> spans;
    int tasks = 0, flows = 0;
    for (const QJsonValue& v : events) {
        const QJsonObject e = v.toObject();
        if (e.value(QStringLiteral("ph")).toString() == QLatin1String("X")) {
            const double ts = e.value(QStringLiteral("ts")).toDouble();
            spans[e.value(QStringLiteral("pid")).toInt()].emplace_back(ts,
                                                                       ts + e.value(QStringLiteral("dur")).toDouble());
            tasks += e.value(QStringLiteral("cat")).toString() == QLatin1String("task");
        }
        flows += e.value(QStringLiteral("ph")).toString() == QLatin1String("f");
    }
    QCOMPARE(tasks, 80);
    QCOMPARE(flows, 83); // every put joined to its get
    for (auto& [pid, list] : spans) {
        std::sort(list.begin(), list.end(),
                  [](auto a, auto b) { return a.first < b.first || (a.first == b.first && a.second > b.second); });
        std::vector<double> open;
        for (const auto& [b, e] : list) {
            while (!open.empty() && open.back() <= b)
                open.pop_back();
            QVERIFY2(open.empty() || e <= open.back(),
                     qPrintable(QStringLiteral("pid %1: a span crosses its parent").arg(pid)));
            open.push_back(e);
        }
    }

    QVERIFY(!runfile::save(r, run));
    const runfile::Loaded loaded = runfile::load(run);
    QVERIFY2(loaded.recording, qPrintable(loaded.error));
    QVERIFY(*loaded.recording == r);
    // The time each process spent in each state, as it kept it, comes back too.
    for (int lane = 0; lane < int(r.lanes().size()); ++lane) {
        QVERIFY(r.timeInStates(lane));
        QCOMPARE(loaded.recording->timeInStates(lane), r.timeInStates(lane));
        QVERIFY(r.blockedTimes(lane));
        QCOMPARE(loaded.recording->blockedTimes(lane), r.blockedTimes(lane));
    }
}

// A full-speed run far past the recording's event store (a small one, so that the run outgrows it
// even when the rings drop events on a loaded machine): each consumer's Tasks cell is the count
// it printed itself, and the timeline reaches the end.
void TestRunController::pastTheEventStoreTheTableCountsWhatTheConsumersCounted()
{
    RunController controller(m_client);
    controller.setEventLimit(200'000);
    ProcessTableModel table;
    connect(&controller, &RunController::recordingChanged, &table, [&] { table.follow(controller.recording()); });
    QSignalSpy finished(&controller, &RunController::finished);
    QVERIFY(controller.start(QStringLiteral("producer-consumer"),
                             nlohmann::json::parse(R"({"producers": 2, "consumers": 2, "capacity": 64,
                                                       "produce_ms": 0, "consume_ms": 0, "items": 600000})")));
    QVERIFY(finished.wait(120000));
    const Recording& r = *controller.recording();
    QVERIFY2(r.eventsNotKept() > 0, "the run should outgrow the event store");
    QVERIFY(r.detailEndNs() > 0);
    // "consumer-1: got the sentinel after 612345 items, stopping"
    static const QRegularExpression said(QStringLiteral("(consumer-\\d+): got the sentinel after (\\d+) items"));
    std::map<QString, quint64> consumed;
    for (const LogEntry& line : r.log())
        if (const auto m = said.match(line.text); m.hasMatch())
            consumed[m.captured(1)] = m.captured(2).toULongLong();
    QCOMPARE(consumed.size(), std::size_t{2});
    quint64 total = 0;
    for (int row = 0; row < table.rowCount(); ++row) {
        const QString name = table.index(row, ProcessTableModel::NameColumn).data().toString();
        if (!consumed.count(name))
            continue;
        QCOMPARE(table.index(row, ProcessTableModel::TasksColumn).data(ProcessTableModel::SortRole).toULongLong(),
                 consumed[name]);
        total += consumed[name];
    }
    QCOMPARE(total, quint64{1'200'000});

    // The percentiles have every sample, whatever the rings dropped: the processes kept them.
    QVERIFY(r.countsExact() && r.timesExact());
    QCOMPARE(r.taskNs().count(), r.tasksDone());
    for (const auto& [id, q] : r.queues()) {
        QCOMPARE(q.putBlockedNs.count(), q.blockedPuts);
        QCOMPARE(q.getBlockedNs.count(), q.blockedGets);
    }
    // And each consumer's time in each state covers its life, from its first state to its Done.
    for (std::size_t lane = 0; lane < r.lanes().size(); ++lane) {
        const Lane& l = r.lanes()[lane];
        if (!consumed.count(l.name))
            continue;
        const auto times = r.timeInStates(int(lane));
        QVERIFY(times);
        qint64 sum = 0;
        for (const qint64 ns : *times)
            sum += ns;
        const qint64 life = l.exitNs - l.startNs;
        QVERIFY2(sum <= life && sum >= life / 2,
                 qPrintable(QStringLiteral("%1: %2 ns in states, %3 ns alive").arg(l.name).arg(sum).arg(life)));
    }

    // Each consumer's timeline goes on past the detail kept, to the consumer's last state (its
    // Done comes shortly before the exit, later under load), at any zoom.
    TimelineModel timeline;
    timeline.follow(&r);
    for (std::size_t lane = 0; lane < r.lanes().size(); ++lane) {
        const Lane& l = r.lanes()[lane];
        if (!consumed.count(l.name))
            continue;
        QVERIFY(l.exitNs > r.detailEndNs());
        for (const double nsPerPixel : {1e4, 1e6, 1e8}) {
            const auto states = timeline.blocks(int(lane), TimelineModel::Band::State, 0, l.exitNs, nsPerPixel);
            QVERIFY(!states.empty());
            QVERIFY(states.back().summary);
            const qint64 slack = std::max(qint64(3 * nsPerPixel), (l.exitNs - r.detailEndNs()) / 10);
            QVERIFY2(states.back().endNs >= l.exitNs - slack,
                     qPrintable(QStringLiteral("%1: the timeline stops at %2 ns, the consumer at %3 ns")
                                    .arg(l.name)
                                    .arg(states.back().endNs)
                                    .arg(l.exitNs)));
        }
    }
}

// A Pool's queues carry names from the worker side to every view: the Queues tab, the CLI's
// table and the trace's counters say "pool results", not a number.
void TestRunController::aPoolNamesItsQueues_data()
{
    QTest::addColumn<QString>("config");
    QTest::addColumn<int>("workers"); // at least this many worker lanes: replacements included
    QTest::addColumn<int>("taken"); // through "pool tasks": every task, and a stop message per worker at the end
    QTest::newRow("Pool(2)") << QStringLiteral(R"({"size": 2, "tasks": 6, "task_ms": 1})") << 2 << 8;
    // Replacements bring no queue of their own: every worker, old or new, takes from "pool tasks".
    QTest::newRow("Pool(4), 400 tasks, replaced workers")
        << QStringLiteral(R"({"size": 4, "tasks": 400, "task_ms": 0, "maxtasksperchild": 50})") << 8 << 404;
    // Workers ending on their 7th task while the stop messages go out: none is left behind.
    QTest::newRow("Pool(4), 400 tasks, replaced every 7")
        << QStringLiteral(R"({"size": 4, "tasks": 400, "task_ms": 0, "maxtasksperchild": 7})") << 58 << 404;
}

void TestRunController::aPoolNamesItsQueues()
{
    QFETCH(QString, config);
    QFETCH(int, workers);
    QFETCH(int, taken);
    RunController controller(m_client);
    QSignalSpy finished(&controller, &RunController::finished);
    QVERIFY(controller.start(QStringLiteral("pool"), nlohmann::json::parse(config.toStdString())));
    QVERIFY(finished.wait(20000));
    const Recording& r = *controller.recording();
    QVERIFY2(r.lanes().size() >= std::size_t(workers) + 1, std::to_string(r.lanes().size()).c_str());
    QStringList names;
    for (const auto& entry : r.queues())
        names << TextFormat::queueName(r, entry.first);
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("pool results"), QStringLiteral("pool tasks")})); // two, as Python's
    for (const auto& [id, q] : r.queues()) {
        if (TextFormat::queueName(r, id) == QStringLiteral("pool tasks")) {
            QCOMPARE(q.puts, quint64(taken));
            QCOMPARE(q.gets, quint64(taken));
        }
    }
    QVERIFY(RecordingReport::text(r).contains(QStringLiteral("pool results")));
    QBuffer trace;
    QVERIFY(trace.open(QIODevice::WriteOnly));
    exports::writeChromeTrace(r, trace);
    QVERIFY(trace.data().contains("\"name\":\"pool results\""));
}

void TestRunController::stopEndsTheRunAsStopped()
{
    RunController controller(m_client);
    QSignalSpy finished(&controller, &RunController::finished);
    QVERIFY(
        controller.start(QStringLiteral("processes"), nlohmann::json::parse(R"({"workers": 3, "work_ms": 600000})")));
    QTRY_COMPARE_WITH_TIMEOUT(controller.recording() ? controller.recording()->lanes().size() : 0, std::size_t{4},
                              20000);
    controller.stop();
    QCOMPARE(controller.state(), RunController::State::Stopping);
    QVERIFY(finished.wait(10000));
    QCOMPARE(controller.summary()->outcome, Outcome::Stopped);
    QCOMPARE(controller.summary()->endedBySignal, 3);
}

void TestRunController::aRefusedRunIsReported()
{
    RunController controller(m_client);
    QSignalSpy failed(&controller, &RunController::failed);
    QVERIFY(controller.start(QStringLiteral("processes"), nlohmann::json::parse(R"({"workers": 0})")));
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("workers: must be 1..256, got 0"));
    QCOMPARE(controller.state(), RunController::State::Idle);
    QVERIFY(controller.canStart());
}

void TestRunController::onlyOneRunAtATime()
{
    RunController controller(m_client);
    QSignalSpy failed(&controller, &RunController::failed);
    QSignalSpy finished(&controller, &RunController::finished);
    QVERIFY(controller.start(QStringLiteral("processes"), nlohmann::json::parse(R"({"workers": 1, "work_ms": 100})")));
    QVERIFY(!controller.start(QStringLiteral("processes"), nlohmann::json::object()));
    QCOMPARE(failed.count(), 1);
    QVERIFY(finished.wait(20000));
}

void TestRunController::losingTheServerEndsTheRun()
{
    ForkServerClient client(std::move(g_doomed));
    RunController controller(&client);
    QSignalSpy finished(&controller, &RunController::finished);
    QSignalSpy failed(&controller, &RunController::failed);
    QVERIFY(
        controller.start(QStringLiteral("processes"), nlohmann::json::parse(R"({"workers": 2, "work_ms": 600000})")));
    QTRY_COMPARE_WITH_TIMEOUT(controller.recording() ? controller.recording()->lanes().size() : 0, std::size_t{3},
                              20000);
    std::vector<pid_t> pids;
    for (const Lane& lane : controller.recording()->lanes())
        pids.push_back(static_cast<pid_t>(lane.pid));

    ::kill(static_cast<pid_t>(client.serverPid()), SIGKILL); // the fork server dies under the GUI
    QVERIFY(finished.wait(10000));
    // Killed when the lost connection is seen first; Stopped when the supervisor, seeing its
    // fork server gone, reported the run as it killed its workers before dying itself.
    const Outcome outcome = controller.summary()->outcome;
    QVERIFY2(outcome == Outcome::Killed || outcome == Outcome::Stopped,
             std::to_string(static_cast<int>(outcome)).c_str());
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 10000); // the lost connection is reported either way
    QVERIFY(!controller.canStart());
    QVERIFY2(forkscope::testing::wait_all_gone(pids, std::chrono::milliseconds(1000)),
             forkscope::testing::describe_present(pids).c_str());
}

int main(int argc, char** argv)
{
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    g_server = ForkServerProcess::spawn();
    g_doomed = ForkServerProcess::spawn();
    return forkscope::testing::run_forking_test<QCoreApplication, TestRunController>(argc, argv);
}

#include "tst_runcontroller.moc"
