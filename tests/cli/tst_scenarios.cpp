// Every scenario, run through forkscope-cli with small sizes, checked against the claim of the
// seed it comes from. Each run is exported as a run file and its result read back from it.

#include "support/cli_runner.h"
#include "support/process_limit.h"

#include <QDir>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <signal.h>

using forkscope::testing::CliResult;
using forkscope::testing::runResult;

class TestScenarios : public QObject {
    Q_OBJECT

private slots:
    void producerConsumerSentinelsEndEveryConsumer();
    void producerConsumerJoinableLeavesDaemonsBehind();
    void producerConsumerAtFullSpeedIsCountedExactly();
    void poolApplyRunsOneAtATimeApplyAsyncInParallel();
    void poolReusesItsWorkersUnlessMaxTasksPerChild();
    void ticketRaceWithoutLockOversells();
    void ticketRaceWithLockSellsExactlyTheStock();
    void sharedStateGlobalsAreCopiesValuesAreShared();
    void poolQueueReaderFindsWhatTheWriterPut();
    void cpuSpeedupTimesEverySplit();
    void folderCopyIsByteIdenticalAndNeverOverwrites();
    void folderCopyKilledLeavesNoFileUnderAFinalName();
    void folderCopyRefusesBadFolders();
    void workersThatCannotBeForkedEndTheRunWithACount();
};

void TestScenarios::producerConsumerSentinelsEndEveryConsumer()
{
    // Seed 001: "there are several consumer processes, put None that many times". A queue of
    // capacity 2 makes the producers block on put; every item arrives exactly once.
    CliResult cli;
    const QJsonObject r =
        runResult(QStringLiteral("producer-consumer"),
                  {QStringLiteral("producers=3"), QStringLiteral("consumers=3"), QStringLiteral("capacity=2"),
                   QStringLiteral("items=20"), QStringLiteral("produce_ms=1"), QStringLiteral("consume_ms=2"),
                   QStringLiteral("consume_dist=exponential")},
                  &cli);
    QVERIFY2(!r.isEmpty(), qPrintable(cli.out + cli.err));
    QCOMPARE(r.value(QStringLiteral("produced")).toInt(), 60);
    QCOMPARE(r.value(QStringLiteral("consumed")).toInt(), 60);
    QVERIFY(r.value(QStringLiteral("every_item_once")).toBool());
    QCOMPARE(cli.out.count(QStringLiteral("got the sentinel")), 3);
    QVERIFY2(cli.out.contains(QStringLiteral("6 workers: 6 exited with code 0")), qPrintable(cli.out));
    QVERIFY(cli.out.contains(QStringLiteral("puts blocked")));
}

void TestScenarios::producerConsumerJoinableLeavesDaemonsBehind()
{
    // Seed 001's JoinableQueue: daemon consumers call task_done(); the main process returns from
    // join() once all items are done, and its end terminates the consumers (SIGTERM).
    CliResult cli;
    const QJsonObject r = runResult(QStringLiteral("producer-consumer"),
                                    {QStringLiteral("shutdown=joinable"), QStringLiteral("items=50"),
                                     QStringLiteral("produce_ms=0"), QStringLiteral("consume_ms=1")},
                                    &cli);
    QVERIFY2(!r.isEmpty(), qPrintable(cli.out + cli.err));
    QCOMPARE(r.value(QStringLiteral("consumed")).toInt(), 100);
    QVERIFY(r.value(QStringLiteral("every_item_once")).toBool());
    QCOMPARE(cli.out.count(QStringLiteral("killed by SIGTERM (-15)")), 2); // a line per consumer
    QVERIFY2(cli.out.contains(QStringLiteral("4 workers: 2 exited with code 0, 2 killed by SIGTERM")),
             qPrintable(cli.out));
    QVERIFY(!cli.out.contains(QStringLiteral("got the sentinel")));
}

void TestScenarios::producerConsumerAtFullSpeedIsCountedExactly()
{
    // Every depth the recording holds is what a put or get saw qsize() say: never above the
    // queue's capacity, however often 4 producers and 4 consumers are preempted on 2 cores. And
    // the counts are the processes' own, not the events': exact even if a ring was full.
    CliResult cli;
    const QJsonObject file = forkscope::testing::runFile(
        QStringLiteral("producer-consumer"),
        {QStringLiteral("producers=4"), QStringLiteral("consumers=4"), QStringLiteral("capacity=64"),
         QStringLiteral("items=500000"), QStringLiteral("produce_ms=0"), QStringLiteral("consume_ms=0")},
        &cli, 120000);
    QVERIFY2(!file.isEmpty(), qPrintable(cli.out + cli.err));
    QCOMPARE(file.value(QStringLiteral("result")).toObject().value(QStringLiteral("consumed")).toInt(), 2'000'000);
    const QJsonArray queues =
        file.value(QStringLiteral("statistics")).toObject().value(QStringLiteral("queues")).toArray();
    QCOMPARE(queues.size(), 1);
    const QJsonObject q = queues.first().toObject();
    QCOMPARE(q.value(QStringLiteral("capacity")).toInteger(), 64);
    QVERIFY(q.value(QStringLiteral("puts")).toInteger() > 0);
    QVERIFY2(q.value(QStringLiteral("max_depth")).toInteger() <= 64,
             qPrintable(QString::number(q.value(QStringLiteral("max_depth")).toInteger())));
    // Every item and the 4 sentinels went through the queue; each item consumed was a task.
    QCOMPARE(q.value(QStringLiteral("puts")).toInteger(), 2'000'004);
    QCOMPARE(q.value(QStringLiteral("gets")).toInteger(), 2'000'004);
    qint64 tasks = 0;
    for (const QJsonValue& n :
         file.value(QStringLiteral("statistics")).toObject().value(QStringLiteral("tasks_done_per_lane")).toArray())
        tasks += n.toInteger();
    QCOMPARE(tasks, 2'000'000);
}

void TestScenarios::poolApplyRunsOneAtATimeApplyAsyncInParallel()
{
    // Seed 002: apply() blocks until its task is done (the sum of the task times), apply_async()
    // lets Pool(3) run three at once.
    const QStringList common{QStringLiteral("size=3"), QStringLiteral("tasks=6"), QStringLiteral("task_ms=100")};
    CliResult cli;
    const QJsonObject apply =
        runResult(QStringLiteral("pool"), common + QStringList{QStringLiteral("mode=apply")}, &cli);
    QVERIFY2(!apply.isEmpty(), qPrintable(cli.out + cli.err));
    QCOMPARE(apply.value(QStringLiteral("tasks")).toInt(), 6);
    QVERIFY(apply.value(QStringLiteral("wall_ns")).toDouble() >= 0.6e9);
    QVERIFY2(apply.value(QStringLiteral("parallelism")).toDouble() <= 1.05, qPrintable(cli.out));
    const QJsonObject async =
        runResult(QStringLiteral("pool"), common + QStringList{QStringLiteral("mode=apply_async")}, &cli);
    QVERIFY2(async.value(QStringLiteral("parallelism")).toDouble() >= 1.8, qPrintable(cli.out)); // 3 on an idle machine
    const QJsonObject map = runResult(
        QStringLiteral("pool"), common + QStringList{QStringLiteral("mode=map"), QStringLiteral("chunksize=2")}, &cli);
    QCOMPARE(map.value(QStringLiteral("tasks")).toInt(), 6);
}

void TestScenarios::poolReusesItsWorkersUnlessMaxTasksPerChild()
{
    CliResult cli;
    const QStringList common{QStringLiteral("size=2"), QStringLiteral("tasks=6"), QStringLiteral("task_ms=10")};
    const QJsonObject reused = runResult(QStringLiteral("pool"), common, &cli);
    QVERIFY2(!reused.isEmpty(), qPrintable(cli.out + cli.err));
    QVERIFY(reused.value(QStringLiteral("worker_pids")).toInt() <= 2); // the same PIDs again and again
    const QJsonObject fresh =
        runResult(QStringLiteral("pool"), common + QStringList{QStringLiteral("maxtasksperchild=1")}, &cli);
    QCOMPARE(fresh.value(QStringLiteral("worker_pids")).toInt(), 6); // a new worker for every task
}

void TestScenarios::ticketRaceWithoutLockOversells()
{
    // Seed 001, with its delays (read 0.1 s, write 0.2 s): one ticket, five buyers, no lock —
    // they all read 1 before anyone writes 0, and more than one ticket is sold.
    CliResult cli;
    const QJsonObject r =
        runResult(QStringLiteral("ticket-race"), {QStringLiteral("buyers=5"), QStringLiteral("tickets=1")}, &cli);
    QVERIFY2(!r.isEmpty(), qPrintable(cli.out + cli.err));
    QCOMPARE(r.value(QStringLiteral("stock")).toInt(), 1);
    QVERIFY2(r.value(QStringLiteral("sold")).toInt() > 1, qPrintable(cli.out));
    QCOMPARE(r.value(QStringLiteral("oversold")).toInt(), r.value(QStringLiteral("sold")).toInt() - 1);
    QCOMPARE(r.value(QStringLiteral("left_in_file")).toInt(), 0);
    QVERIFY(cli.out.contains(QStringLiteral("oversold tickets")));
}

void TestScenarios::ticketRaceWithLockSellsExactlyTheStock()
{
    // The same with the Lock: buyers take turns, exactly the stock is sold, the rest are told no.
    // Shorter delays keep the serialised run short; the lock is what decides, not the timing.
    CliResult cli;
    const QJsonObject r =
        runResult(QStringLiteral("ticket-race"),
                  {QStringLiteral("buyers=6"), QStringLiteral("tickets=3"), QStringLiteral("lock=true"),
                   QStringLiteral("read_ms=20"), QStringLiteral("write_ms=20")},
                  &cli);
    QVERIFY2(!r.isEmpty(), qPrintable(cli.out + cli.err));
    QCOMPARE(r.value(QStringLiteral("sold")).toInt(), 3);
    QCOMPARE(r.value(QStringLiteral("oversold")).toInt(), 0);
    QCOMPARE(r.value(QStringLiteral("left_in_file")).toInt(), 0);
    QCOMPARE(cli.out.count(QStringLiteral("no ticket left to buy")), 3);
    QVERIFY2(QRegularExpression(QStringLiteral("lock \\d+ +6 +5 ")).match(cli.out).hasMatch(),
             qPrintable(cli.out)); // 6 taken, 5 waited
}

void TestScenarios::sharedStateGlobalsAreCopiesValuesAreShared()
{
    // Seed 003: a global changed in a child is unchanged in the parent; a Value is shared; threads
    // of one process share its global. A locked += loses nothing; get-then-set never gains.
    CliResult cli;
    const QJsonObject r = runResult(QStringLiteral("shared-state"),
                                    {QStringLiteral("workers=3"), QStringLiteral("increments=5000")}, &cli);
    QVERIFY2(!r.isEmpty(), qPrintable(cli.out + cli.err));
    QCOMPARE(r.value(QStringLiteral("global_in_parent")).toInt(), 1);
    QCOMPARE(r.value(QStringLiteral("global_in_each_child")).toInt(), 5001);
    QCOMPARE(r.value(QStringLiteral("value")).toInt(), 15001);
    QCOMPARE(r.value(QStringLiteral("lost_updates")).toInt(), 0);
    QCOMPARE(r.value(QStringLiteral("threads_global")).toInt(), 15001);
    QCOMPARE(cli.out.count(QStringLiteral("my global a is now 5001")), 3);

    const QJsonObject racy =
        runResult(QStringLiteral("shared-state"),
                  {QStringLiteral("increments=20000"), QStringLiteral("value_update=get-then-set")}, &cli);
    QVERIFY2(!racy.isEmpty(), qPrintable(cli.out + cli.err));
    QVERIFY(racy.value(QStringLiteral("value")).toInt() <= 40001);
    QCOMPARE(racy.value(QStringLiteral("lost_updates")).toInt(), 40001 - racy.value(QStringLiteral("value")).toInt());
}

void TestScenarios::poolQueueReaderFindsWhatTheWriterPut()
{
    // Seed 002 §9: with the main process's wait, the reader gets all of "itcast".
    CliResult cli;
    const QJsonObject r = runResult(QStringLiteral("pool-queue"), {QStringLiteral("wait_ms=300")}, &cli);
    QVERIFY2(!r.isEmpty(), qPrintable(cli.out + cli.err));
    QCOMPARE(r.value(QStringLiteral("written")).toInt(), 6);
    QCOMPARE(r.value(QStringLiteral("read")).toInt(), 6);
    QCOMPARE(r.value(QStringLiteral("left")).toInt(), 0);
    for (const char* c : {"i", "t", "c", "a", "s"})
        QVERIFY(cli.out.contains(QStringLiteral("reader got from the queue: %1").arg(QLatin1String(c))));
    // Without it, a writer taking 1.2 s is still putting when the reader counts qsize().
    const QJsonObject early =
        runResult(QStringLiteral("pool-queue"), {QStringLiteral("wait_ms=0"), QStringLiteral("put_ms=200")}, &cli);
    QVERIFY2(!early.isEmpty(), qPrintable(cli.out + cli.err));
    QCOMPARE(early.value(QStringLiteral("written")).toInt(), 6);
    QVERIFY(early.value(QStringLiteral("read")).toInt() < 6);
    QCOMPARE(early.value(QStringLiteral("left")).toInt(), 6 - early.value(QStringLiteral("read")).toInt());
}

void TestScenarios::cpuSpeedupTimesEverySplit()
{
    // Each split of the work is timed on processes and on threads; the speedup is against one.
    // (How much faster two are depends on the CPUs free at the time: that is the benchmark's
    // business, not a test's.)
    CliResult cli;
    const QJsonObject r =
        runResult(QStringLiteral("cpu-speedup"), {QStringLiteral("max_workers=2"), QStringLiteral("work_ms=50")}, &cli);
    QVERIFY2(!r.isEmpty(), qPrintable(cli.out + cli.err));
    const QJsonArray measured = r.value(QStringLiteral("measured")).toArray();
    QCOMPARE(measured.size(), 2);
    QCOMPARE(measured[0].toObject().value(QStringLiteral("process_speedup")).toDouble(), 1.0);
    QCOMPARE(measured[0].toObject().value(QStringLiteral("thread_speedup")).toDouble(), 1.0);
    for (const QJsonValue& row : measured) {
        QVERIFY(row.toObject().value(QStringLiteral("process_s")).toDouble() > 0);
        QVERIFY(row.toObject().value(QStringLiteral("thread_s")).toDouble() > 0);
    }
    QVERIFY(cli.out.contains(QStringLiteral("workers  processes  speedup  threads  speedup")));
    QCOMPARE(cli.out.count(QStringLiteral("started  cpu-2.")), 2); // two processes for the second split
}

namespace {

// A source folder of files with random contents, one of them empty, plus a link (copied as a
// link: it leads inside the folder) and a subfolder (not copied).
void makeSource(const QString& folder, int files, qint64 bytesEach)
{
    QDir().mkpath(folder + QStringLiteral("/sub"));
    for (int i = 0; i < files; ++i) {
        QFile f(folder + QStringLiteral("/file%1.bin").arg(i));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray bytes(bytesEach * (i + 1), Qt::Uninitialized);
        for (qsizetype b = 0; b < bytes.size(); ++b)
            bytes[b] = char(QRandomGenerator::global()->generate());
        f.write(bytes);
    }
    QFile empty(folder + QStringLiteral("/empty"));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    QFile::link(QStringLiteral("file0.bin"), folder + QStringLiteral("/link"));
}

QByteArray contents(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

} // namespace

void TestScenarios::folderCopyIsByteIdenticalAndNeverOverwrites()
{
    QTemporaryDir dir;
    const QString source = dir.filePath(QStringLiteral("src")), destination = dir.filePath(QStringLiteral("dst"));
    makeSource(source, 5, 200'000);
    CliResult cli;
    const QStringList sets{QStringLiteral("source=") + source, QStringLiteral("destination=") + destination,
                           QStringLiteral("chunk_kb=16")};
    const QJsonObject r = runResult(QStringLiteral("folder-copy"), sets, &cli);
    QVERIFY2(!r.isEmpty(), qPrintable(cli.out + cli.err));
    QCOMPARE(r.value(QStringLiteral("files")).toInt(), 8); // five files, the empty one, the link and sub/
    QCOMPARE(r.value(QStringLiteral("copied")).toInt(), 7);
    QCOMPARE(r.value(QStringLiteral("links")).toInt(), 1);
    QCOMPARE(r.value(QStringLiteral("skipped")).toInt(), 1); // sub/
    QCOMPARE(r.value(QStringLiteral("bytes")).toInteger(), 200'000LL * (1 + 2 + 3 + 4 + 5));
    QCOMPARE(QFile::symLinkTarget(destination + QStringLiteral("/link")), destination + QStringLiteral("/file0.bin"));
    const QStringList copied = QDir(destination).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(copied.size(), 7); // and no temporary file left
    for (const QString& name : copied)
        QVERIFY2(contents(source + QLatin1Char('/') + name) == contents(destination + QLatin1Char('/') + name),
                 qPrintable(name));
    QVERIFY(cli.out.contains(QStringLiteral("100.00%")));

    // Again: every file exists, none is replaced, the run fails and says why.
    QFile changed(destination + QStringLiteral("/file0.bin"));
    QVERIFY(changed.open(QIODevice::WriteOnly));
    changed.write("mine");
    changed.close();
    const CliResult again =
        forkscope::testing::runCli({QStringLiteral("run"), QStringLiteral("folder-copy"), QStringLiteral("--set"),
                                    sets[0], QStringLiteral("--set"), sets[1]});
    QCOMPARE(again.exitCode, 3);
    QVERIFY2(again.out.contains(QStringLiteral("file0.bin: exists, not replaced")), qPrintable(again.out));
    QCOMPARE(contents(destination + QStringLiteral("/file0.bin")), QByteArray("mine"));
    // With --overwrite it is.
    const CliResult forced =
        forkscope::testing::runCli({QStringLiteral("run"), QStringLiteral("folder-copy"), QStringLiteral("--set"),
                                    sets[0], QStringLiteral("--set"), sets[1], QStringLiteral("--overwrite")});
    QCOMPARE(forced.exitCode, 0);
    QCOMPARE(contents(destination + QStringLiteral("/file0.bin")), contents(source + QStringLiteral("/file0.bin")));
}

void TestScenarios::folderCopyKilledLeavesNoFileUnderAFinalName()
{
    // Slow copies (a pause per 16 KiB), the CLI SIGKILLed once the first file is done: every
    // process dies with it, and whatever carries a final name is a complete, identical copy.
    QTemporaryDir dir;
    const QString source = dir.filePath(QStringLiteral("src")), destination = dir.filePath(QStringLiteral("dst"));
    makeSource(source, 4, 160'000);
    QProcess cli;
    cli.start(QStringLiteral(FORKSCOPE_CLI_PATH),
              {QStringLiteral("run"), QStringLiteral("folder-copy"), QStringLiteral("--set"),
               QStringLiteral("source=") + source, QStringLiteral("--set"),
               QStringLiteral("destination=") + destination, QStringLiteral("--set"), QStringLiteral("chunk_kb=16"),
               QStringLiteral("--set"), QStringLiteral("chunk_delay_ms=20"), QStringLiteral("--set"),
               QStringLiteral("pool_size=2")});
    QVERIFY(cli.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += cli.readAllStandardOutput()).contains("% ("), 20000); // a file is done
    ::kill(static_cast<pid_t>(cli.processId()), SIGKILL);
    QVERIFY(cli.waitForFinished(5000));
    QTest::qWait(300); // the workers die with the CLI (PDEATHSIG); give the last write its moment
    int complete = 0;
    for (const QString& name : QDir(destination).entryList(QDir::Files)) {
        QVERIFY2(contents(source + QLatin1Char('/') + name) == contents(destination + QLatin1Char('/') + name),
                 qPrintable(name));
        ++complete;
    }
    QVERIFY(complete >= 1);
    QVERIFY2(complete < 5, out.constData()); // not all: file3 alone takes 640 KiB / 16 KiB × 20 ms = 0.8 s
}

void TestScenarios::folderCopyRefusesBadFolders()
{
    QTemporaryDir dir;
    const QString source = dir.filePath(QStringLiteral("src"));
    makeSource(source, 1, 10);
    auto run = [](const QStringList& sets) {
        QStringList arguments{QStringLiteral("run"), QStringLiteral("folder-copy")};
        for (const QString& s : sets)
            arguments << QStringLiteral("--set") << s;
        return forkscope::testing::runCli(arguments);
    };
    CliResult r = run({QStringLiteral("source=") + dir.filePath(QStringLiteral("missing"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("source: folder ")) && r.err.contains(QStringLiteral("does not exist")),
             qPrintable(r.err));
    r = run({QStringLiteral("source=") + source, QStringLiteral("destination=") + source + QStringLiteral("/inner")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("destination: ")) &&
                 r.err.contains(QStringLiteral("is inside the source folder")),
             qPrintable(r.err));
    r = run({});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(QStringLiteral("source: must name the folder to copy")));
}

void TestScenarios::workersThatCannotBeForkedEndTheRunWithACount()
{
    // Under a process limit, the CLI, its threads, the fork server and the supervisor take a few
    // places and some of the six workers the rest. The producers started block on a queue of
    // capacity 1 that no consumer empties: the failed main program must end them, not wait.
    if (!forkscope::testing::canLimitProcessesTo(8))
        QSKIP("needs a user id of its own to count processes exactly, which only root can take "
              "(tst_pool covers the pool's side under a limit of 0)");
    const CliResult cli = forkscope::testing::runCli(
        {QStringLiteral("run"), QStringLiteral("producer-consumer"), QStringLiteral("--set"),
         QStringLiteral("producers=3"), QStringLiteral("--set"), QStringLiteral("consumers=3"), QStringLiteral("--set"),
         QStringLiteral("capacity=1"), QStringLiteral("--set"), QStringLiteral("items=50")},
        30000, [] { (void)forkscope::testing::limitProcesses(8); });
    QCOMPARE(cli.exitCode, 3);
    static const QRegularExpression failed(QStringLiteral(
        "outcome +failed: ([1-5]) of 6 workers could not be started: cannot start (producer|consumer)-\\d: fork failed: "
        "EAGAIN \\(Resource temporarily unavailable\\); the process limit \\(RLIMIT_NPROC\\) may be reached\n"));
    const QRegularExpressionMatch m = failed.match(cli.out);
    QVERIFY2(m.hasMatch(), qPrintable(cli.out + cli.err));
    const int started = 6 - m.captured(1).toInt();
    QVERIFY2(cli.out.contains(started == 1 ? QStringLiteral("terminating the worker still running")
                                           : QStringLiteral("terminating the %1 workers still running").arg(started)),
             qPrintable(cli.out));
    QCOMPARE(cli.out.count(QStringLiteral("killed by SIGTERM (-15)")), started); // a line per worker
    QCOMPARE(cli.out.count(QRegularExpression(QStringLiteral("joined +(producer|consumer)-"))), started);
}

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
