// ProcessTableModel: rows follow a run's events; the model passes QAbstractItemModelTester.

#include "model/processtablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <signal.h>

class TestProcessTableModel : public QObject {
    Q_OBJECT

private slots:
    void init();
    void rowsFollowTheRun();
    void columnsShowEachField();
    void sortRoleIsNumeric();
    void unknownPidsAreIgnored();

private:
    ProcessRow worker(qint64 pid, qint64 startNs) const;

    std::unique_ptr<ProcessTableModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

ProcessRow TestProcessTableModel::worker(qint64 pid, qint64 startNs) const
{
    ProcessRow row;
    row.name = QStringLiteral("worker-%1").arg(pid);
    row.role = QStringLiteral("worker");
    row.pid = pid;
    row.ppid = 100;
    row.startNs = startNs;
    return row;
}

void TestProcessTableModel::init()
{
    m_model = std::make_unique<ProcessTableModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestProcessTableModel::rowsFollowTheRun()
{
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_model->addProcess(worker(101, 1'000'000));
    m_model->addProcess(worker(102, 2'000'000));
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->columnCount(), int(ProcessTableModel::NUM_COLUMNS));

    const ProcessRow* exited = m_model->markExited(101, 0, 500'000'000);
    QVERIFY(exited);
    QCOMPARE(exited->state, ProcessRow::State::Exited);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->index(0, ProcessTableModel::StateColumn).data().toString(), QStringLiteral("exited, not joined"));
    QVERIFY(!m_model->index(0, ProcessTableModel::StateColumn).data(Qt::ToolTipRole).toString().isEmpty());

    m_model->markJoined(101, 600'000'000);
    QCOMPARE(m_model->index(0, ProcessTableModel::StateColumn).data().toString(), QStringLiteral("joined"));
    QCOMPARE(*m_model->rows()[0].lifetimeNs(), 499'000'000);

    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
}

void TestProcessTableModel::columnsShowEachField()
{
    ProcessRow row = worker(4242, 12'345'678);
    row.daemon = true;
    m_model->addProcess(row);
    m_model->markExited(4242, -SIGTERM, 1'500'000'000);
    auto cell = [this](int column) { return m_model->index(0, column).data().toString(); };
    QCOMPARE(cell(ProcessTableModel::NameColumn), QStringLiteral("worker-4242"));
    QCOMPARE(cell(ProcessTableModel::RoleColumn), QStringLiteral("worker (daemon)"));
    QCOMPARE(cell(ProcessTableModel::PidColumn), QStringLiteral("4242"));
    QCOMPARE(cell(ProcessTableModel::PpidColumn), QStringLiteral("100"));
    QCOMPARE(cell(ProcessTableModel::ExitColumn), QStringLiteral("SIGTERM (-15)"));
    QCOMPARE(cell(ProcessTableModel::StartColumn), QStringLiteral("0.012 s"));
    QCOMPARE(cell(ProcessTableModel::EndColumn), QStringLiteral("1.500 s"));
    QCOMPARE(m_model->headerData(ProcessTableModel::PpidColumn, Qt::Horizontal).toString(), QStringLiteral("PPID"));
    QCOMPARE(m_model->index(0, 0).data(ProcessTableModel::PidRole).toLongLong(), 4242);
    QCOMPARE(m_model->index(0, 0).data(ProcessTableModel::ExitCodeRole).toInt(), -SIGTERM);
}

void TestProcessTableModel::sortRoleIsNumeric()
{
    m_model->addProcess(worker(900, 0));
    m_model->addProcess(worker(1000, 0));
    // As text "1000" < "900"; the sort role keeps numbers numbers.
    QVERIFY(m_model->index(0, ProcessTableModel::PidColumn).data(ProcessTableModel::SortRole).toLongLong() <
            m_model->index(1, ProcessTableModel::PidColumn).data(ProcessTableModel::SortRole).toLongLong());
}

void TestProcessTableModel::unknownPidsAreIgnored()
{
    m_model->addProcess(worker(1, 0));
    QVERIFY(!m_model->markExited(2, 0, 1));
    QVERIFY(!m_model->markJoined(2, 1));
    QCOMPARE(m_model->rows()[0].state, ProcessRow::State::Running);
}

QTEST_GUILESS_MAIN(TestProcessTableModel)
#include "tst_processtablemodel.moc"
