// Exports of a Recording: the Chrome trace parses and keeps every lane well nested, with
// counters, instants and put->get arrows; the CSVs have a row per event and per task; a run
// file loads back into an equal recording; bad destinations and bad files are named.

#include "model/files/csvexport.h"
#include "model/files/runfile.h"
#include "model/files/runfilereader.h"
#include "model/files/traceexport.h"
#include "model/recording/recording.h"
#include "support/recorded_event.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <map>

using forkscope::core::EventKind;
using forkscope::core::WorkerState;
using forkscope::testing::ev;

namespace {

// A producer and a consumer on a queue, both taking a lock inside tasks; the consumer is
// SIGKILLed holding the lock and the producer takes it over.
Recording sampleRun(quint64 limit = Recording::kDefaultEventLimit)
{
    Recording r(limit);
    r.setScenario(QStringLiteral("producer-consumer"), R"({"producers":1,"consumers":1})");
    r.runStarted(1'000'000, 100, 1);
    r.attachRing(0, 100);
    r.processStarted(101, 100, 1'000'010, false, QStringLiteral("producer-0"), QStringLiteral("producer"));
    r.processStarted(102, 100, 1'000'020, false, QStringLiteral("consumer-0, \"first\""), QStringLiteral("consumer"));
    r.attachRing(1, 101);
    r.attachRing(2, 102);
    r.logLine(101, 1'000'050, QStringLiteral("producer-0: pid 101"));
    r.signalSent(101, SIGSTOP, 1'000'500); // paused and resumed by hand from the GUI
    r.signalSent(101, SIGCONT, 1'000'700);
    qint64 t = 100;
    for (quint64 i = 0; i < 20; ++i, t += 100) {
        r.append(ev(t, 1, EventKind::State, 0, 0, 0, quint8(WorkerState::Running)));
        r.append(ev(t + 1, 1, EventKind::TaskBegin, 7, i));
        r.append(ev(t + 10, 1, EventKind::QueuePut, 3, i, 1));
        r.append(ev(t + 20, 2, EventKind::QueueBlocked, 3, i, 15, 0));
        r.append(ev(t + 20, 2, EventKind::QueueGet, 3, i, 0));
        r.append(ev(t + 30, 1, EventKind::LockAcquired, 9, 0, 5));
        r.append(ev(t + 40, 1, EventKind::LockReleased, 9, 0, 10));
        r.append(ev(t + 50, 1, EventKind::TaskEnd, 7, i, 1));
    }
    r.append(ev(t - 2, 2, EventKind::QueueGet, 3, 50, 0)); // a woken getter stamps before the putter
    r.append(ev(t - 1, 1, EventKind::QueuePut, 3, 50, 0));
    r.append(ev(t, 2, EventKind::LockAcquired, 9, 0, 0));
    r.append(ev(t + 5, 1, EventKind::QueuePut, 3, 99, 1));
    r.append(ev(t + 10, 0, EventKind::ProcessExit, 2, 102, -9));
    r.append(ev(t + 30, 1, EventKind::LockAcquired, 9, 0, 20, 1)); // took it from the dead consumer
    r.append(ev(t + 40, 1, EventKind::LockReleased, 9, 0, 10));
    r.append(ev(t + 60, 1, EventKind::State, 0, 0, 0, quint8(WorkerState::Done)));
    r.append(ev(t + 70, 0, EventKind::ProcessExit, 1, 101, 0));
    r.processExited(102, -9, 1'000'000 + t + 15);
    r.processExited(101, 0, 1'000'000 + t + 75);
    r.processJoined(101, 1'000'000 + t + 80);
    r.runFinished(1'000'000 + t + 100);
    return r;
}

QJsonObject traceOf(const Recording& r, const QString& path)
{
    const auto error = exports::writeChromeTrace(r, path);
    if (error)
        qWarning("%s", qPrintable(*error));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
    if (parse.error != QJsonParseError::NoError)
        qWarning("trace does not parse: %s at %d", qPrintable(parse.errorString()), parse.offset);
    return doc.object();
}

} // namespace

class TestExports : public QObject {
    Q_OBJECT

private slots:
    void chromeTraceIsCompleteAndNested();
    void csvHasARowPerEventAndTask();
    void runFileLoadsBackEqual();
    void runFileLoadsBackEqualPastTheLimit();
    void badDestinationsAreNamed();
    void badRunFilesAreNamed_data();
    void badRunFilesAreNamed();
    void cancelledExportLeavesNothing();

private:
    QTemporaryDir m_dir;
};

void TestExports::chromeTraceIsCompleteAndNested()
{
    const Recording r = sampleRun();
    const QJsonObject trace = traceOf(r, m_dir.filePath(QStringLiteral("trace.json")));
    QCOMPARE(trace.value(QStringLiteral("displayTimeUnit")).toString(), QStringLiteral("ms"));
    QCOMPARE(trace.value(QStringLiteral("otherData")).toObject().value(QStringLiteral("scenario")).toString(),
             QStringLiteral("producer-consumer"));
    QCOMPARE(trace.value(QStringLiteral("otherData"))
                 .toObject()
                 .value(QStringLiteral("config"))
                 .toObject()
                 .value(QStringLiteral("producers"))
                 .toInt(),
             1);

    std::map<std::string, int> byPhase;
    std::map<int, std::vector<std::pair<double, double>>> nested; // pid -> sync spans
    std::map<int, std::vector<QString>> open; // pid -> B names not yet ended
    std::map<int, double> bStart;
    int killSignals = 0, ownerDied = 0, names = 0;
    QStringList sentSignals;
    const QJsonArray events = trace.value(QStringLiteral("traceEvents")).toArray();
    for (const QJsonValue& v : events) {
        const QJsonObject e = v.toObject();
        for (const char* key : {"name", "cat", "ph", "ts", "pid", "tid", "args"})
            QVERIFY2(e.contains(QLatin1String(key)), key);
        QCOMPARE(e.value(QStringLiteral("pid")).toInt(), e.value(QStringLiteral("tid")).toInt());
        const QString ph = e.value(QStringLiteral("ph")).toString();
        const int pid = e.value(QStringLiteral("pid")).toInt();
        const double ts = e.value(QStringLiteral("ts")).toDouble();
        ++byPhase[ph.toStdString()];
        if (ph == QLatin1String("X"))
            nested[pid].emplace_back(ts, ts + e.value(QStringLiteral("dur")).toDouble());
        if (ph == QLatin1String("B")) {
            open[pid].push_back(e.value(QStringLiteral("name")).toString());
            bStart[pid] = ts;
        }
        if (ph == QLatin1String("E")) {
            QVERIFY(!open[pid].empty());
            QCOMPARE(open[pid].back(), e.value(QStringLiteral("name")).toString());
            open[pid].pop_back();
            nested[pid].emplace_back(bStart[pid], ts);
        }
        if (ph == QLatin1String("i") && e.value(QStringLiteral("name")).toString() == QLatin1String("SIGKILL"))
            ++killSignals;
        if (ph == QLatin1String("i") && e.value(QStringLiteral("cat")).toString() == QLatin1String("signal") &&
            pid == 101) {
            sentSignals << e.value(QStringLiteral("name")).toString();
            QCOMPARE(e.value(QStringLiteral("s")).toString(), QStringLiteral("t"));
        }
        if (ph == QLatin1String("i") &&
            e.value(QStringLiteral("name")).toString().startsWith(QLatin1String("owner died")))
            ++ownerDied;
        if (ph == QLatin1String("M") && e.value(QStringLiteral("name")).toString() == QLatin1String("process_name"))
            ++names;
    }
    for (const auto& [pid, names_] : open)
        QVERIFY2(names_.empty(), "a B without its E");
    // Per lane: any two sync spans are nested or disjoint.
    for (auto& [pid, spans] : nested) {
        for (std::size_t i = 0; i < spans.size(); ++i) {
            for (std::size_t j = 0; j < spans.size(); ++j) {
                const auto [a0, a1] = spans[i];
                const auto [b0, b1] = spans[j];
                const bool disjoint = a1 <= b0 || b1 <= a0;
                const bool aInB = a0 >= b0 && a1 <= b1, bInA = b0 >= a0 && b1 <= a1;
                QVERIFY2(disjoint || aInB || bInA, qPrintable(QStringLiteral("pid %1 spans cross").arg(pid)));
            }
        }
    }
    QCOMPARE(names, 3);
    QCOMPARE(byPhase["X"], 20 + 20 + 20 + 2); // tasks, holds, queue blocks, the dead one's hold, the takeover's
    QCOMPARE(byPhase["B"], 21); // lock waits: 20 and the takeover
    QCOMPARE(byPhase["C"] >= 41, true); // depth after each put and get, waiters
    QCOMPARE(byPhase["s"], 21); // each matched put -> get, in either order; ticket 99 was never got
    QCOMPARE(byPhase["f"], 21);
    QCOMPARE(killSignals, 1);
    QCOMPARE(ownerDied, 1);
    QCOMPARE(sentSignals, (QStringList{QStringLiteral("SIGSTOP"), QStringLiteral("SIGCONT")}));
}

void TestExports::csvHasARowPerEventAndTask()
{
    const Recording r = sampleRun();
    const QString events = m_dir.filePath(QStringLiteral("events.csv")),
                  tasks = m_dir.filePath(QStringLiteral("tasks.csv"));
    QVERIFY(!exports::writeEventsCsv(r, events));
    QVERIFY(!exports::writeTasksCsv(r, tasks));
    QFile e(events), t(tasks);
    QVERIFY(e.open(QIODevice::ReadOnly) && t.open(QIODevice::ReadOnly));
    const QList<QByteArray> eventLines = e.readAll().split('\n');
    QCOMPARE(eventLines.first(), QByteArray("time_ns,pid,process,kind,object,task,value,detail"));
    QCOMPARE(qsizetype(eventLines.size()), qsizetype(r.events().size()) + 2); // header, rows, final newline
    QVERIFY(eventLines.at(1).endsWith(",state,0,0,0,running"));
    const QByteArray taskText = t.readAll();
    QCOMPARE(taskText.count('\n'), 1 + 20);
    QVERIFY(taskText.contains("0,7,101,producer-0,101,150,49,true"));
    QVERIFY(QByteArray(eventLines.at(4)).contains("\"consumer-0, \"\"first\"\"\"")); // quoted per RFC 4180
}

void TestExports::runFileLoadsBackEqual()
{
    const Recording r = sampleRun();
    const QString path = m_dir.filePath(QStringLiteral("run.json"));
    QVERIFY(!runfile::save(r, path));
    const runfile::Loaded loaded = runfile::load(path);
    QVERIFY2(loaded.recording, qPrintable(loaded.error));
    QCOMPARE(loaded.recording->events().size(), r.events().size());
    QCOMPARE(loaded.recording->lanes().size(), r.lanes().size());
    QVERIFY(loaded.recording->lanes() == r.lanes());
    QVERIFY(loaded.recording->locks() == r.locks());
    QVERIFY(*loaded.recording == r);
}

void TestExports::runFileLoadsBackEqualPastTheLimit()
{
    const Recording r = sampleRun(50); // statistics saw every event, only 50 are kept
    QVERIFY(r.eventsNotKept() > 0);
    const QString path = m_dir.filePath(QStringLiteral("truncated.json"));
    QVERIFY(!runfile::save(r, path));
    const runfile::Loaded loaded = runfile::load(path);
    QVERIFY2(loaded.recording, qPrintable(loaded.error));
    QCOMPARE(loaded.recording->eventCount(), r.eventCount());
    QVERIFY(loaded.recording->queues() == r.queues());
    QVERIFY(*loaded.recording == r);
}

void TestExports::badDestinationsAreNamed()
{
    const Recording r = sampleRun();
    const QString missing = m_dir.filePath(QStringLiteral("no/such/folder/trace.json"));
    const auto error = exports::writeChromeTrace(r, missing);
    QVERIFY(error);
    QVERIFY2(error->contains(missing), qPrintable(*error));
    QVERIFY(!QFile::exists(missing));
    const auto runError = runfile::save(r, missing);
    QVERIFY(runError && runError->contains(missing));
}

void TestExports::badRunFilesAreNamed_data()
{
    QTest::addColumn<QByteArray>("mutation");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("{") << QStringLiteral("not valid JSON");
    QTest::newRow("format") << QByteArray("\"format\": \"forkscope-run\"|\"format\": \"x\"")
                            << QStringLiteral("format:");
    QTest::newRow("version") << QByteArray("\"version\": 1,|\"version\": 99,")
                             << QStringLiteral("version: 99 is not supported");
    QTest::newRow("lane pid") << QByteArray("\"pid\": 101|\"pid\": \"a\"")
                              << QStringLiteral("lanes[1].pid: expected an integer");
    QTest::newRow("count") << QByteArray("\"count\": 169, |\"count\": 168, ")
                           << QStringLiteral("events.data: 5408 bytes, expected 5376");
    QTest::newRow("signal") << QByteArray("500,|\"500\",")
                            << QStringLiteral("lanes[1].signals[0]: expected [time_ns, signal]");
    QTest::newRow("base64") << QByteArray("\"data\": \"|\"data\": \"!!") << QStringLiteral("events.data: not base64");
}

void TestExports::badRunFilesAreNamed()
{
    QFETCH(QByteArray, mutation);
    QFETCH(QString, expected);
    const QString path = m_dir.filePath(QStringLiteral("good.json"));
    QVERIFY(!runfile::save(sampleRun(), path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray bytes = file.readAll();
    if (const qsizetype bar = mutation.indexOf('|'); bar >= 0) {
        const QByteArray from = mutation.left(bar), to = mutation.mid(bar + 1);
        QVERIFY2(bytes.contains(from), from.constData());
        bytes.replace(bytes.indexOf(from), from.size(), to); // the first occurrence only
    } else {
        bytes = mutation;
    }
    const runfile::Loaded loaded = runfile::loadBytes(bytes, QStringLiteral("bad.json"));
    QVERIFY(!loaded.recording);
    QVERIFY2(loaded.error.contains(expected), qPrintable(loaded.error));
    QVERIFY(loaded.error.startsWith(QLatin1String("bad.json")));
}

void TestExports::cancelledExportLeavesNothing()
{
    const QString path = m_dir.filePath(QStringLiteral("cancelled.json"));
    const auto error = exports::writeChromeTrace(sampleRun(), path, [](double) { return false; });
    QVERIFY(error && error->contains(QLatin1String("cancelled")));
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(TestExports)
#include "tst_exports.moc"
