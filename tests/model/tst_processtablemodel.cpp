// ProcessTableModel: a view of a Recording — rows follow the run's lanes as the recording grows,
// a new recording starts over, /proc samples sit beside it; it passes QAbstractItemModelTester.

#include "model/recording/recording.h"
#include "model/views/processtablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <signal.h>

namespace {

constexpr qint64 kT0 = 1'000'000'000;

} // namespace

class TestProcessTableModel : public QObject {
    Q_OBJECT

private slots:
    void init();
    void rowsFollowTheRecording();
    void anotherRecordingStartsOver();
    void columnsShowEachField();
    void sortRoleIsNumeric();
    void usageSitsBesideTheRecording();
    void stoppedComesFromSamplesOrSignalsSent();
    void tasksDoneFollowTheEvents();
    void blockedIsTheShareOfTheLifeSpentBlocked();

private:
    void worker(qint32 pid, qint64 startNs);

    Recording m_run;
    std::unique_ptr<ProcessTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestProcessTableModel::worker(qint32 pid, qint64 startNs)
{
    m_run.processStarted(pid, 100, kT0 + startNs, false, QStringLiteral("worker-%1").arg(pid),
                         QStringLiteral("worker"));
}

void TestProcessTableModel::init()
{
    m_run = Recording();
    m_run.runStarted(kT0, 100, 1);
    m_model = std::make_unique<ProcessTableModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestProcessTableModel::rowsFollowTheRecording()
{
    m_model->follow(&m_run);
    QCOMPARE(m_model->rowCount(), 1); // the main process
    QCOMPARE(m_model->index(0, ProcessTableModel::NameColumn).data().toString(), QStringLiteral("MainProcess"));
    QCOMPARE(m_model->index(0, ProcessTableModel::StateColumn).data().toString(), QStringLiteral("running"));

    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    worker(101, 1'000'000);
    worker(102, 2'000'000);
    m_model->follow(&m_run);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(inserted.count(), 1); // both in one insertion
    // Of what was shown, only the main process's Blocked share changed: it has lived 2 ms now.
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.last().at(1).toModelIndex().row(), 0);
    QCOMPARE(m_model->index(0, ProcessTableModel::BlockedColumn).data().toString(), QStringLiteral("0.0 %"));
    QCOMPARE(m_model->columnCount(), int(ProcessTableModel::NUM_COLUMNS));
    m_model->follow(&m_run);
    QCOMPARE(changed.count(), 1); // nothing new, nothing changed

    m_run.processExited(101, 0, kT0 + 500'000'000);
    m_model->follow(&m_run);
    QCOMPARE(changed.count(), 2);
    // Only the rows that changed: 101's state, and 102's Blocked share (it had not lived yet).
    QCOMPARE(changed.last().at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.last().at(1).toModelIndex().row(), 2);
    QCOMPARE(m_model->index(1, ProcessTableModel::StateColumn).data().toString(), QStringLiteral("exited, not joined"));
    QVERIFY(!m_model->index(1, ProcessTableModel::StateColumn).data(Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(m_model->index(1, 0).data(ProcessTableModel::StateRole).toInt(), int(ProcessState::Exited));

    m_run.processJoined(101, kT0 + 600'000'000);
    m_model->follow(&m_run);
    QCOMPARE(m_model->index(1, ProcessTableModel::StateColumn).data().toString(), QStringLiteral("joined"));
    QCOMPARE(m_model->index(2, ProcessTableModel::StateColumn).data().toString(), QStringLiteral("running"));

    m_run.runFinished(kT0 + 700'000'000);
    m_model->follow(&m_run);
    QCOMPARE(m_model->index(0, ProcessTableModel::StateColumn).data().toString(), QStringLiteral("finished"));
    QCOMPARE(m_model->index(0, ProcessTableModel::EndColumn).data().toString(), QStringLiteral("0.700 s"));
}

void TestProcessTableModel::anotherRecordingStartsOver()
{
    worker(101, 0);
    m_model->follow(&m_run);
    QCOMPARE(m_model->rowCount(), 2);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    Recording other;
    other.runStarted(kT0, 200, 1);
    m_model->follow(&other);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0, ProcessTableModel::PidColumn).data().toLongLong(), 200);
    m_model->follow(nullptr);
    QCOMPARE(m_model->rowCount(), 0);
}

void TestProcessTableModel::columnsShowEachField()
{
    m_run.processStarted(4242, 100, kT0 + 12'345'678, true, QStringLiteral("worker-4242"), QStringLiteral("worker"));
    m_run.processExited(4242, -SIGTERM, kT0 + 1'500'000'000);
    m_model->follow(&m_run);
    auto cell = [this](int column) { return m_model->index(1, column).data().toString(); };
    QCOMPARE(cell(ProcessTableModel::NameColumn), QStringLiteral("worker-4242"));
    QCOMPARE(cell(ProcessTableModel::RoleColumn), QStringLiteral("worker (daemon)"));
    QCOMPARE(cell(ProcessTableModel::PidColumn), QStringLiteral("4242"));
    QCOMPARE(cell(ProcessTableModel::PpidColumn), QStringLiteral("100"));
    QCOMPARE(cell(ProcessTableModel::ExitColumn), QStringLiteral("SIGTERM (-15)"));
    QCOMPARE(cell(ProcessTableModel::StartColumn), QStringLiteral("0.012 s"));
    QCOMPARE(cell(ProcessTableModel::EndColumn), QStringLiteral("1.500 s"));
    QCOMPARE(cell(ProcessTableModel::CpuColumn), QString()); // never sampled
    QCOMPARE(m_model->headerData(ProcessTableModel::PpidColumn, Qt::Horizontal).toString(), QStringLiteral("PPID"));
    QCOMPARE(m_model->index(1, 0).data(ProcessTableModel::PidRole).toLongLong(), 4242);
    QCOMPARE(m_model->index(1, 0).data(ProcessTableModel::ExitCodeRole).toInt(), -SIGTERM);
}

void TestProcessTableModel::sortRoleIsNumeric()
{
    worker(900, 0);
    worker(1000, 0);
    m_model->follow(&m_run);
    // As text "1000" < "900"; the sort role keeps numbers numbers.
    QVERIFY(m_model->index(1, ProcessTableModel::PidColumn).data(ProcessTableModel::SortRole).toLongLong() <
            m_model->index(2, ProcessTableModel::PidColumn).data(ProcessTableModel::SortRole).toLongLong());
}

void TestProcessTableModel::usageSitsBesideTheRecording()
{
    worker(4242, 0);
    worker(4243, 0);
    m_run.processExited(4243, 0, kT0 + 10);
    m_model->follow(&m_run);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    // An unknown pid is ignored; an exited process shows no usage even if a sample names it.
    m_model->setUsage({{4242, 12.5, 3 << 20, false}, {999, 1.0, 1, false}, {4243, 50.0, 1 << 20, false}});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->index(1, ProcessTableModel::CpuColumn).data().toString(), QStringLiteral("12.5 %"));
    QCOMPARE(m_model->index(1, ProcessTableModel::RssColumn).data().toString(), QStringLiteral("3.0 MiB"));
    QCOMPARE(m_model->index(2, ProcessTableModel::CpuColumn).data().toString(), QString());
    m_model->setUsage({});
    QCOMPARE(m_model->index(1, ProcessTableModel::CpuColumn).data().toString(), QString());
}

void TestProcessTableModel::stoppedComesFromSamplesOrSignalsSent()
{
    worker(4242, 0);
    m_run.signalSent(4242, SIGSTOP, kT0 + 5);
    m_model->follow(&m_run);
    auto state = [this] { return m_model->index(1, ProcessTableModel::StateColumn).data().toString(); };
    QCOMPARE(state(), QStringLiteral("stopped (SIGSTOP)")); // a saved run: ForkScope's own signals
    m_run.signalSent(4242, SIGCONT, kT0 + 6);
    m_model->follow(&m_run);
    QCOMPARE(state(), QStringLiteral("running"));
    m_model->setUsage({{4242, 0.0, 1 << 20, true}}); // stopped from elsewhere: /proc knows
    QCOMPARE(state(), QStringLiteral("stopped (SIGSTOP)"));
}

void TestProcessTableModel::tasksDoneFollowTheEvents()
{
    using forkscope::core::EventKind;
    worker(4242, 0);
    m_run.attachRing(1, 4242);
    m_model->follow(&m_run);
    QCOMPARE(m_model->index(1, ProcessTableModel::TasksColumn).data().toString(), QString());
    for (quint64 task = 1; task <= 3; ++task) {
        m_run.append(RecordedEvent{qint64(task * 10), task, 0, 7, 1, quint8(EventKind::TaskBegin), 0});
        m_run.append(RecordedEvent{qint64(task * 10 + 5), task, 1, 7, 1, quint8(EventKind::TaskEnd), 0});
    }
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->follow(&m_run);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->index(1, ProcessTableModel::TasksColumn).data().toString(), QStringLiteral("3"));
    QCOMPARE(m_model->index(1, ProcessTableModel::TasksColumn).data(ProcessTableModel::SortRole).toULongLong(), 3u);
}

// Blocked: the share of the process's life it spent blocked in puts and gets or waiting for
// locks; the tooltip has each part and the time in each state. A full ring that dropped events
// leaves the cell empty (not a guess) unless the process kept its own sums.
void TestProcessTableModel::blockedIsTheShareOfTheLifeSpentBlocked()
{
    using forkscope::core::EventKind;
    using forkscope::core::WorkerState;
    worker(4242, 0);
    m_run.attachRing(1, 4242);
    auto event = [&](qint64 t, EventKind kind, qint64 value, quint8 detail) {
        m_run.append(RecordedEvent{t, 0, value, 3, 1, quint8(kind), detail});
    };
    event(0, EventKind::State, 0, quint8(WorkerState::Running));
    event(300, EventKind::QueueBlocked, 250, 1); // 250 ns blocked on put
    event(450, EventKind::QueueBlocked, 100, 0); // 100 ns on get
    event(500, EventKind::LockAcquired, 50, 0); // 50 ns waiting for a lock
    event(1000, EventKind::State, 0, quint8(WorkerState::Done));
    m_run.processExited(4242, 0, kT0 + 1000);
    m_model->follow(&m_run);
    const QModelIndex cell = m_model->index(1, ProcessTableModel::BlockedColumn);
    QCOMPARE(cell.data().toString(), QStringLiteral("40.0 %"));
    QCOMPARE(cell.data(ProcessTableModel::SortRole).toDouble(), 0.4);
    const QString tip = cell.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("blocked on put: 250 ns (25.0 %)")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("waiting for a lock: 50 ns (5.0 %)")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("running: 1.0 µs (100.0 %)")), qPrintable(tip));

    m_run.setDropped(1); // some blocked calls may be missing
    m_model->follow(&m_run);
    QCOMPARE(cell.data().toString(), QString());
    QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Not known exactly")));
    m_run.restoreBlockedTimes(1, {0, 100, 0}); // the process's own: 10 % on get
    m_model->follow(&m_run);
    QCOMPARE(cell.data().toString(), QStringLiteral("10.0 %"));
}

QTEST_GUILESS_MAIN(TestProcessTableModel)
#include "tst_processtablemodel.moc"
