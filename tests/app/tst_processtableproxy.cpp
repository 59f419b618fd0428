// ProcessTableProxy: the process table as shown — sorted by the model's sort role (numbers as
// numbers), rows tinted by state, failed exits in red; a valid model throughout.

#include "app/processtableproxy.h"
#include "model/recording/recording.h"
#include "model/views/processtablemodel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QTest>

class TestProcessTableProxy : public QObject {
    Q_OBJECT

private slots:
    void sortsByValueAndTintsByState();
};

void TestProcessTableProxy::sortsByValueAndTintsByState()
{
    ProcessTableModel model;
    ProcessTableProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Recording run;
    run.runStarted(0, 1, 0); // its main process, pid 1, runs on
    for (qint32 pid : {900, 1000, 95}) // "95" sorts after "1000" as text, before it as a number
        run.processStarted(pid, 1, 0, false, QStringLiteral("worker-%1").arg(pid), QStringLiteral("worker"));
    run.processExited(900, -9, 5'000'000);
    run.processExited(1000, 0, 6'000'000);
    run.processJoined(1000, 7'000'000);
    model.follow(&run);

    proxy.sort(ProcessTableModel::PidColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, ProcessTableModel::PidColumn).data().toLongLong(), 1);
    QCOMPARE(proxy.index(1, ProcessTableModel::PidColumn).data().toLongLong(), 95);
    QCOMPARE(proxy.index(3, ProcessTableModel::PidColumn).data().toLongLong(), 1000);

    auto rowOf = [&](qint64 pid) {
        for (int r = 0; r < proxy.rowCount(); ++r) {
            if (proxy.index(r, ProcessTableModel::PidColumn).data().toLongLong() == pid)
                return r;
        }
        return -1;
    };
    const QVariant running = proxy.index(rowOf(95), 0).data(Qt::BackgroundRole);
    const QVariant exited = proxy.index(rowOf(900), 0).data(Qt::BackgroundRole);
    QVERIFY(running.isValid() && exited.isValid());
    QVERIFY(running.value<QBrush>().color() != exited.value<QBrush>().color());
    QVERIFY(!proxy.index(rowOf(1000), 0).data(Qt::BackgroundRole).isValid()); // joined: the plain row
    // A death by signal is red in the exit column; a clean exit is not.
    QCOMPARE(proxy.index(rowOf(900), ProcessTableModel::ExitColumn).data(Qt::ForegroundRole).value<QBrush>().color(),
             QColor(192, 57, 43));
    QVERIFY(!proxy.index(rowOf(1000), ProcessTableModel::ExitColumn).data(Qt::ForegroundRole).isValid());
}

QTEST_MAIN(TestProcessTableProxy)
#include "tst_processtableproxy.moc"
