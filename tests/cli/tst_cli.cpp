// forkscope-cli as a user runs it: real runs print one line per process event with its PID and a
// summary; bad input gets a message naming the field and exit code 2.

#include "support/cli_runner.h"
#include "support/run_client.h"
#include "support/shm_leftovers.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/prctl.h>

#include <set>

namespace {

using Result = forkscope::testing::CliResult;
using forkscope::testing::runCli;

QStringList linesStarting(const QString& text, const QString& event)
{
    QStringList out;
    const QRegularExpression re(QStringLiteral("^\\[\\s*[0-9.]+ s\\] %1\\s").arg(event));
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        if (re.match(line).hasMatch())
            out << line;
    }
    return out;
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void runPrintsEveryWorkerEventWithItsPid();
    void oneByOneTakesTheSumAfterAllTheLongest();
    void badInputExitsWithTwo_data();
    void badInputExitsWithTwo();
    void scenarioFilesRun();
    void helpPresetsAndDescribe();
    void exportsWriteFilesThatShowReads();
    void badExportsAndRunFilesExitWithTwo();
    void interruptStopsTheRunAndLeavesNoProcess();
    void killedCliLeavesNoProcessAndNoFile();
};

void TestCli::runPrintsEveryWorkerEventWithItsPid()
{
    const Result r = runCli({QStringLiteral("run"), QStringLiteral("processes"), QStringLiteral("--set"),
                             QStringLiteral("workers=8"), QStringLiteral("--set"), QStringLiteral("join=one-by-one"),
                             QStringLiteral("--set"), QStringLiteral("work_ms=10")});
    QCOMPARE(r.exitCode, 0);
    const QStringList started = linesStarting(r.out, QStringLiteral("started"));
    QCOMPARE(started.size(), 8);
    QCOMPARE(linesStarting(r.out, QStringLiteral("exited")).size(), 8);
    QCOMPARE(linesStarting(r.out, QStringLiteral("joined")).size(), 8);
    std::set<int> pids;
    const QRegularExpression pidRe(QStringLiteral("pid (\\d+)\\s+ppid (\\d+)"));
    const QRegularExpression mainRe(QStringLiteral("main process pid (\\d+)"));
    const int mainPid = mainRe.match(r.out).captured(1).toInt();
    QVERIFY(mainPid > 0);
    for (const QString& line : started) {
        const auto m = pidRe.match(line);
        QVERIFY2(m.hasMatch(), qPrintable(line));
        pids.insert(m.captured(1).toInt());
        QCOMPARE(m.captured(2).toInt(), mainPid);
    }
    QCOMPARE(pids.size(), 8u);
    QVERIFY2(r.out.contains(QStringLiteral("processes    8 workers: 8 exited with code 0")), qPrintable(r.out));
    QVERIFY(r.err.isEmpty());
}

void TestCli::oneByOneTakesTheSumAfterAllTheLongest()
{
    auto wall = [](const QString& join) {
        const Result r = runCli({QStringLiteral("run"), QStringLiteral("processes"), QStringLiteral("--set"),
                                 QStringLiteral("workers=3"), QStringLiteral("--set"), QStringLiteral("work_ms=300"),
                                 QStringLiteral("--set"), QStringLiteral("join=") + join});
        return QRegularExpression(QStringLiteral("wall time\\s+([0-9.]+) s")).match(r.out).captured(1).toDouble();
    };
    const double oneByOne = wall(QStringLiteral("one-by-one"));
    const double afterAll = wall(QStringLiteral("after-all"));
    // Sum of the work 0.9 s, longest 0.3 s.
    QVERIFY2(oneByOne >= 0.9, qPrintable(QString::number(oneByOne)));
    QVERIFY2(afterAll >= 0.3 && afterAll < 0.9 * 0.75, qPrintable(QString::number(afterAll)));
}

void TestCli::badInputExitsWithTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString run = QStringLiteral("run"), p = QStringLiteral("processes"), set = QStringLiteral("--set");
    QTest::newRow("workers=0") << QStringList{run, p, set, QStringLiteral("workers=0")}
                               << "forkscope-cli: workers: must be 1..256, got 0";
    QTest::newRow("workers=100000") << QStringList{run, p, set, QStringLiteral("workers=100000")}
                                    << "forkscope-cli: workers: must be 1..256, got 100000";
    QTest::newRow("nosuchfield") << QStringList{run, p, set, QStringLiteral("nosuchfield=1")}
                                 << "forkscope-cli: nosuchfield: no such field in scenario 'processes'";
    QTest::newRow("bad choice") << QStringList{run, p, set, QStringLiteral("join=sideways")}
                                << "forkscope-cli: join: must be one of after-all, one-by-one, none; got 'sideways'";
    QTest::newRow("unknown scenario") << QStringList{run, QStringLiteral("nope")}
                                      << "forkscope-cli: unknown scenario 'nope'";
    QTest::newRow("missing file") << QStringList{run, QStringLiteral("/nonexistent/x.json")}
                                  << "forkscope-cli: /nonexistent/x.json: cannot open";
    QTest::newRow("no command") << QStringList{} << "forkscope-cli: missing command";
    QTest::newRow("unknown command") << QStringList{QStringLiteral("fly")} << "forkscope-cli: unknown command 'fly'";
    QTest::newRow("unknown option") << QStringList{run, p, QStringLiteral("--bogus")}
                                    << "forkscope-cli: Unknown option 'bogus'.";
}

void TestCli::badInputExitsWithTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Result r = runCli(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty()); // nothing ran
}

void TestCli::scenarioFilesRun()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("two.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        R"({"format": "forkscope-scenario", "version": 1, "scenario": "processes", "config": {"workers": 2, "work_ms": 1}})");
    file.close();
    const Result r = runCli({QStringLiteral("run"), path, QStringLiteral("--set"), QStringLiteral("daemon=true")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(linesStarting(r.out, QStringLiteral("started")).size(), 2);
    QVERIFY(r.out.contains(QStringLiteral(", daemon")));
}

void TestCli::helpPresetsAndDescribe()
{
    Result r = runCli({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(QStringLiteral("--set <field=value>")));
    r = runCli({QStringLiteral("presets")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith(QStringLiteral("processes")));
    r = runCli({QStringLiteral("describe"), QStringLiteral("processes")});
    QCOMPARE(r.exitCode, 0);
    for (const char* field : {"workers", "work", "work_ms", "join", "daemon", "terminate_after_ms"})
        QVERIFY2(r.out.contains(QStringLiteral("  %1 ").arg(QLatin1String(field))), field);
    QVERIFY(r.out.contains(QStringLiteral("1..256 (default 4)")));
}

void TestCli::exportsWriteFilesThatShowReads()
{
    QTemporaryDir dir;
    const QString run = dir.filePath(QStringLiteral("run.json")), trace = dir.filePath(QStringLiteral("trace.json"));
    const QString events = dir.filePath(QStringLiteral("x.events.csv"));
    Result r = runCli({QStringLiteral("run"), QStringLiteral("processes"), QStringLiteral("--set"),
                       QStringLiteral("workers=3"), QStringLiteral("--set"), QStringLiteral("work_ms=20"),
                       QStringLiteral("--export"), run, QStringLiteral("-e"), trace, QStringLiteral("-e"), events,
                       QStringLiteral("-e"), QStringLiteral("tasks:") + dir.filePath(QStringLiteral("t.csv"))});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QStringLiteral("exported Chrome trace to ") + trace), qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("exported task timings CSV to ") + dir.filePath(QStringLiteral("t.csv"))));
    QFile traceFile(trace);
    QVERIFY(traceFile.open(QIODevice::ReadOnly));
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(traceFile.readAll(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    int lanes = 0;
    for (const QJsonValue& e : doc.object().value(QStringLiteral("traceEvents")).toArray())
        lanes += e.toObject().value(QStringLiteral("name")).toString() == QLatin1String("process_name");
    QCOMPARE(lanes, 4); // the main process and three workers
    QFile eventsFile(events);
    QVERIFY(eventsFile.open(QIODevice::ReadOnly));
    QVERIFY(eventsFile.readAll().count("process_start") >= 3);

    r = runCli({QStringLiteral("show"), run});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QStringLiteral("run of processes")), qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("worker-2")));
    QVERIFY(r.out.contains(QStringLiteral("telemetry")));

    // A run longer than a second draws its progress line on stderr (forced: stderr is a pipe here).
    r = runCli({QStringLiteral("run"), QStringLiteral("processes"), QStringLiteral("--set"),
                QStringLiteral("workers=1"), QStringLiteral("--set"), QStringLiteral("work_ms=1400"),
                QStringLiteral("--progress")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(QStringLiteral("\rrunning 1.")), qPrintable(r.err));
}

void TestCli::badExportsAndRunFilesExitWithTwo()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("missing/run.json"));
    Result r = runCli({QStringLiteral("run"), QStringLiteral("processes"), QStringLiteral("--export"), missing});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("does not exist")), qPrintable(r.err));
    QVERIFY(!r.out.contains(QStringLiteral("run 1:"))); // refused before anything ran
    r = runCli({QStringLiteral("run"), QStringLiteral("processes"), QStringLiteral("--export"),
                dir.filePath(QStringLiteral("x.txt"))});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(QStringLiteral("unknown format")));

    const QString broken = dir.filePath(QStringLiteral("broken.json"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": "forkscope-run", "version": 7})");
    file.close();
    r = runCli({QStringLiteral("show"), broken});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(broken) && r.err.contains(QStringLiteral("version: 7 is not supported")),
             qPrintable(r.err));
}

void TestCli::interruptStopsTheRunAndLeavesNoProcess()
{
    QProcess cli;
    cli.start(QStringLiteral(FORKSCOPE_CLI_PATH),
              {QStringLiteral("run"), QStringLiteral("processes"), QStringLiteral("--set"), QStringLiteral("workers=3"),
               QStringLiteral("--set"), QStringLiteral("work_ms=600000")});
    QVERIFY(cli.waitForStarted());
    QString out;
    QTRY_VERIFY_WITH_TIMEOUT((out += QString::fromUtf8(cli.readAllStandardOutput()),
                              linesStarting(out, QStringLiteral("started")).size() == 3),
                             20000);
    ::kill(static_cast<pid_t>(cli.processId()), SIGINT); // Ctrl-C
    QVERIFY(cli.waitForFinished(10000));
    out += QString::fromUtf8(cli.readAllStandardOutput());
    QCOMPARE(cli.exitCode(), 3);
    QVERIFY2(out.contains(QStringLiteral("outcome      stopped")), qPrintable(out));
    QCOMPARE(linesStarting(out, QStringLiteral("exited")).size(), 3);
    QVERIFY(out.contains(QStringLiteral("killed by SIGTERM (-15)")));
    QVERIFY(QString::fromUtf8(cli.readAllStandardError()).contains(QStringLiteral("stopping the run")));
}

// SIGKILL of the CLI mid-run: within a second no process of the run is left (this test is a
// subreaper, so a process re-parented to it is reaped here, not mistaken for gone) and its
// temporary files are gone from $TMPDIR.
void TestCli::killedCliLeavesNoProcessAndNoFile()
{
    QVERIFY(::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
    const QStringList shmBefore = forkscope::testing::shmEntries();
    QTemporaryDir tmp;
    QProcess cli;
    forkscope::testing::startLongTicketRace(cli, tmp.path(), 3);
    QVERIFY(cli.waitForStarted());
    QString out;
    QTRY_VERIFY_WITH_TIMEOUT((out += QString::fromUtf8(cli.readAllStandardOutput()),
                              linesStarting(out, QStringLiteral("started")).size() == 3),
                             20000);
    std::vector<pid_t> pids;
    const QRegularExpressionMatch run =
        QRegularExpression(QStringLiteral("main process pid (\\d+) \\(parent (\\d+)\\)")).match(out);
    QVERIFY2(run.hasMatch(), qPrintable(out));
    pids.push_back(run.captured(1).toInt()); // the run's main process
    pids.push_back(run.captured(2).toInt()); // the fork server
    for (const QString& line : linesStarting(out, QStringLiteral("started")))
        pids.push_back(QRegularExpression(QStringLiteral("\\bpid (\\d+)")).match(line).captured(1).toInt());
    QCOMPARE(pids.size(), std::size_t{5});
    // The run's shared memory (telemetry, queues, locks) is a memfd, never a file in /dev/shm.
    QFile maps(QStringLiteral("/proc/%1/maps").arg(pids[0]));
    QVERIFY(maps.open(QIODevice::ReadOnly));
    const QByteArray mapped = maps.readAll();
    QVERIFY(mapped.contains("/memfd:"));
    QVERIFY(!mapped.contains("/dev/shm/"));
    // The stock file is in the fork server's folder under $TMPDIR.
    QCOMPARE(QDir(tmp.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);

    QVERIFY(::kill(static_cast<pid_t>(cli.processId()), SIGKILL) == 0);
    QVERIFY(cli.waitForFinished(10000));
    QVERIFY2(forkscope::testing::wait_all_gone(pids, std::chrono::milliseconds(1000)),
             forkscope::testing::describe_present(pids).c_str());
    QTRY_VERIFY_WITH_TIMEOUT(
        QDir(tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty(), 1000);
    // The run's shared memory is memfds, gone with their last process: nothing new in /dev/shm.
    const QStringList left = forkscope::testing::shmLeftovers(shmBefore);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
