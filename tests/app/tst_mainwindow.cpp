// The main window, offscreen (and once more under Xvfb): a run started from the window fills the
// process table with real PIDs; bad config disables Start and names the field; the zh_CN UI is
// translated throughout.

#include "app/configdialog.h"
#include "app/configformbinder.h"
#include "app/language.h"
#include "app/lockchart.h"
#include "app/mainwindow.h"
#include "app/queuechart.h"
#include "app/replaybar.h"
#include "app/runfiles.h"
#include "app/taskchart.h"
#include "app/timelineview.h"
#include "model/config/configmodel.h"
#include "model/live/forkserverclient.h"
#include "model/views/lockseriesmodel.h"
#include "model/views/processtablemodel.h"
#include "model/views/taskstatsmodel.h"
#include "model/views/timelinemodel.h"
#include "support/synthetic_run.h"
#include "support/test_main.h"
#include "support/untranslated_text.h"
#include "ui_mainwindow.h"

#include <nlohmann/json.hpp>

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

#include <csignal>
#include <unistd.h>

using forkscope::scenarios::ForkServerProcess;

namespace {
ForkServerProcess g_server; // forked in main(), before QApplication
}

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void opensWithAScenarioReadyToStart();
    void startFillsTheTableWithRealProcesses();
    void invalidConfigDisablesStartAndNamesTheField();
    void configureDialogChangesTheConfigOnlyWhenAccepted();
    void stopActionStopsTheRun();
    void exportsAndReopensARun();
    void largeExportsRunOffTheWindowThread();
    void lockAndTaskChartsShowTheRun();
    void replayShowsTheRunAtAMoment();
    void signalsReachTheSelectedProcess();
    void chineseUiIsTranslated();
    void windowRendersToAPicture();

private:
    QAction* action(const char* name) const { return m_window->findChild<QAction*>(QLatin1String(name)); }
    int rowOfField(const QString& field) const;

    ForkServerClient* m_client = nullptr;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // settings go to a test location
    m_client = new ForkServerClient(std::move(g_server), this);
}

void TestMainWindow::init()
{
    Language::apply(QStringLiteral("en"));
    m_window = std::make_unique<MainWindow>(m_client);
    m_window->resize(1200, 760);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
}

int TestMainWindow::rowOfField(const QString& field) const
{
    ConfigModel* config = m_window->configModel();
    for (int r = 0; r < config->rowCount(); ++r) {
        if (config->index(r, 0).data(ConfigModel::FieldNameRole).toString() == field)
            return r;
    }
    return -1;
}

void TestMainWindow::opensWithAScenarioReadyToStart()
{
    QVERIFY(m_window->configModel()->scenario());
    QVERIFY(action("actionStart")->isEnabled());
    QVERIFY(!action("actionStop")->isEnabled());
    QCOMPARE(action("actionStart")->shortcut(), QKeySequence(Qt::Key_F5));
    QVERIFY(!m_window->findChild<QLabel*>(QStringLiteral("summaryLabel"))->text().isEmpty());
}

void TestMainWindow::startFillsTheTableWithRealProcesses()
{
    ConfigModel* config = m_window->configModel();
    config->setData(config->index(rowOfField(QStringLiteral("workers")), ConfigModel::ValueColumn), 5);
    config->setData(config->index(rowOfField(QStringLiteral("work_ms")), ConfigModel::ValueColumn), 300);
    action("actionStart")->trigger();

    auto* table = m_window->findChild<QTableView*>(QStringLiteral("processView"));
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 6, 20000);
    QVERIFY(action("actionStop")->isEnabled()); // still running: the workers sleep 300 ms
    QVERIFY(!action("actionStart")->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->state(), RunController::State::Finished, 20000);

    const Recording& run = *m_window->runController()->recording();
    QCOMPARE(table->model()->rowCount(), int(run.lanes().size()));
    for (int row = 1; row < table->model()->rowCount(); ++row) {
        const Lane& lane = run.lanes()[std::size_t(row)];
        QVERIFY(lane.pid > 0 && lane.pid != ::getpid() && lane.pid != m_client->serverPid());
        QCOMPARE(lane.ppid, run.lanes()[0].pid);
        QCOMPARE(table->model()->index(row, 0).data(ProcessTableModel::PidRole).toLongLong(), qint64{lane.pid});
        QCOMPARE(table->model()->index(row, 0).data(ProcessTableModel::StateRole).toInt(), int(ProcessState::Joined));
    }
    const QString output = m_window->findChild<QPlainTextEdit*>(QStringLiteral("outputView"))->toPlainText();
    QVERIFY(output.contains(QStringLiteral("worker-4 [%1]").arg(run.lanes().back().pid)));
    // The output filter shows one worker's lines only, and all of them again.
    auto* filter = m_window->findChild<QComboBox*>(QStringLiteral("outputFilter"));
    QCOMPARE(filter->count(), 1 + 6); // every process, then each one
    filter->setCurrentIndex(filter->findData(qint64{run.lanes().back().pid}));
    const QString filtered = m_window->findChild<QPlainTextEdit*>(QStringLiteral("outputView"))->toPlainText();
    QVERIFY(filtered.contains(QStringLiteral("worker-4 [%1]").arg(run.lanes().back().pid)));
    QVERIFY(!filtered.contains(QStringLiteral("worker-3 [")));
    filter->setCurrentIndex(0);
    QCOMPARE(m_window->findChild<QPlainTextEdit*>(QStringLiteral("outputView"))->toPlainText(), output);
    QVERIFY(m_window->statusBar()->findChild<QLabel*>()); // the status line shows the summary
    QVERIFY(action("actionStart")->isEnabled());
}

void TestMainWindow::invalidConfigDisablesStartAndNamesTheField()
{
    ConfigModel* config = m_window->configModel();
    config->setData(config->index(rowOfField(QStringLiteral("workers")), ConfigModel::ValueColumn), 0);
    QVERIFY(!action("actionStart")->isEnabled());
    auto* error = m_window->findChild<QLabel*>(QStringLiteral("configErrorLabel"));
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("workers: must be 1..256, got 0"));
    action("actionResetConfig")->trigger();
    QVERIFY(!error->isVisible());
    QVERIFY(action("actionStart")->isEnabled());
}

// The dialog edits a copy: Cancel changes nothing, OK applies, Start applies and runs.
void TestMainWindow::configureDialogChangesTheConfigOnlyWhenAccepted()
{
    QVERIFY(m_window->selectPreset(QStringLiteral("processes")));
    ConfigModel* config = m_window->configModel();
    const int workersBefore = config->config().at("workers").get<int>();
    auto openDialog = [this]() -> ConfigDialog* {
        action("actionConfigure")->trigger();
        ConfigDialog* dialog = nullptr;
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->findChild<ConfigDialog*>()) && dialog->isVisible(), 5000);
        }();
        return dialog;
    };
    ConfigDialog* dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(action("actionConfigure")->shortcut(), QKeySequence(QStringLiteral("Ctrl+,")));
    auto* workers = qobject_cast<QSpinBox*>(dialog->binder()->editor(QStringLiteral("workers")));
    workers->setValue(workersBefore + 3);
    dialog->reject();
    QTRY_VERIFY(!m_window->findChild<ConfigDialog*>()); // deleted on close
    QCOMPARE(config->config().at("workers").get<int>(), workersBefore);

    dialog = openDialog();
    QVERIFY(dialog);
    qobject_cast<QSpinBox*>(dialog->binder()->editor(QStringLiteral("workers")))->setValue(2);
    qobject_cast<QSpinBox*>(dialog->binder()->editor(QStringLiteral("work_ms")))->setValue(200);
    dialog->okButton()->click();
    QCOMPARE(config->config().at("workers").get<int>(), 2);
    QCOMPARE(m_window->runController()->state(), RunController::State::Idle);

    dialog = openDialog();
    QVERIFY(dialog);
    qobject_cast<QSpinBox*>(dialog->binder()->editor(QStringLiteral("workers")))->setValue(3);
    dialog->startButton()->click();
    QCOMPARE(config->config().at("workers").get<int>(), 3);
    auto* table = m_window->findChild<QTableView*>(QStringLiteral("processView"));
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 4, 20000);
    QVERIFY(!action("actionConfigure")->isEnabled()); // not while the run goes
    QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->state(), RunController::State::Finished, 20000);
}

void TestMainWindow::stopActionStopsTheRun()
{
    ConfigModel* config = m_window->configModel();
    config->setData(config->index(rowOfField(QStringLiteral("work_ms")), ConfigModel::ValueColumn), 600000);
    action("actionStart")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(action("actionStop")->isEnabled(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->findChild<QTableView*>(QStringLiteral("processView"))->model()->rowCount(), 5,
                              20000);
    action("actionStop")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->state(), RunController::State::Finished, 10000);
    QCOMPARE(m_window->runController()->summary()->outcome, forkscope::protocol::Outcome::Stopped);
}

void TestMainWindow::exportsAndReopensARun()
{
    // A short producer-consumer run from the window; File › Export writes a trace that parses,
    // File › Save Run and Open Run bring back the same processes, spans and output.
    QVERIFY(!action("actionExportTrace")->isEnabled()); // nothing to export yet
    QVERIFY(m_window->selectPreset(QStringLiteral("producer-consumer")));
    ConfigModel* config = m_window->configModel();
    config->setData(config->index(rowOfField(QStringLiteral("produce_ms")), ConfigModel::ValueColumn), 1);
    config->setData(config->index(rowOfField(QStringLiteral("consume_ms")), ConfigModel::ValueColumn), 2);
    action("actionStart")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->state(), RunController::State::Finished, 20000);
    QVERIFY(action("actionExportTrace")->isEnabled() && action("actionSaveRun")->isEnabled());
    const Recording& original = *m_window->runController()->recording();
    std::size_t spans = 0;
    for (const Lane& lane : original.lanes())
        spans += lane.spans.size();
    QVERIFY(spans >= 20); // a task per item consumed, and more

    // The timeline has a lane per process, and it draws them: the lanes are not blank.
    auto* timeline = m_window->findChild<TimelineView*>(QStringLiteral("timelineView"));
    auto* table = m_window->findChild<QTableView*>(QStringLiteral("processView"));
    QCOMPARE(timeline->model()->rowCount(), table->model()->rowCount());
    QCOMPARE(timeline->model()->spanCount(), spans);
    const QImage picture = timeline->grab().toImage();
    const QColor task(0x1e, 0x88, 0xe5);
    int taskPixels = 0;
    for (int y = 0; y < picture.height(); ++y) {
        for (int x = 0; x < picture.width(); ++x)
            taskPixels += picture.pixelColor(x, y) == task;
    }
    QVERIFY2(taskPixels > 100, QByteArray::number(taskPixels).constData());
    // L draws an arrow from each item's put to its get: the producers' lanes to the consumers'.
    timeline->setFocus();
    QTest::keyClick(timeline, Qt::Key_L);
    QVERIFY(timeline->model()->flowsShown());
    const auto flows = timeline->model()->flows(0, timeline->model()->durationNs(), 1000);
    QCOMPARE(flows.size(), std::size_t{22}); // 2 producers × 10 items, and the main process's 2 sentinels
    int fromMain = 0;
    for (const auto& f : flows) {
        const QString putter = timeline->model()->index(f.putLane).data().toString();
        fromMain += f.putLane == 0;
        QVERIFY(f.putLane == 0 || putter.startsWith(QLatin1String("producer")));
        QVERIFY(timeline->model()->index(f.getLane).data().toString().startsWith(QLatin1String("consumer")));
    }
    QCOMPARE(fromMain, 2);
    QTest::keyClick(timeline, Qt::Key_L);
    QVERIFY(!timeline->model()->flowsShown());
    // The queue chart draws the one queue's depth, and its capacity of 3 as a second line.
    auto* chart = m_window->findChild<QueueChart*>(QStringLiteral("queueChart"));
    chart->redraw();
    const auto series = chart->chart()->series();
    QCOMPARE(series.size(), 2);
    auto* depth = qobject_cast<QLineSeries*>(series.at(0));
    QVERIFY(depth && depth->count() >= 20);
    double deepest = 0;
    for (const QPointF& p : depth->points())
        deepest = std::max(deepest, p.y());
    QVERIFY(deepest >= 1 && deepest <= 3);
    QCOMPARE(qobject_cast<QLineSeries*>(series.at(1))->at(0).y(), 3.0);

    QVERIFY(timeline->followsLive());
    QTest::keyClick(timeline, Qt::Key_W); // zooming in leaves the live end
    QVERIFY(!timeline->followsLive());
    QTest::keyClick(timeline, Qt::Key_F);
    QVERIFY(timeline->followsLive());

    QTemporaryDir dir;
    const QString trace = dir.filePath(QStringLiteral("run.trace.json")),
                  run = dir.filePath(QStringLiteral("run.json"));
    QVERIFY(!m_window->runFiles()->exportTo(ExportFormat::ChromeTrace, trace));
    QFile file(trace);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error{};
    QVERIFY(!QJsonDocument::fromJson(file.readAll(), &error)
                 .object()
                 .value(QStringLiteral("traceEvents"))
                 .toArray()
                 .isEmpty());
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(!m_window->runFiles()->exportTo(ExportFormat::RunFile, run));
    const int rows = table->model()->rowCount();

    const auto failed = m_window->runFiles()->open(dir.filePath(QStringLiteral("missing.json")));
    QVERIFY(failed && failed->contains(QStringLiteral("missing.json")));
    QVERIFY(!m_window->runFiles()->open(run));
    const Recording& reopened = *m_window->runController()->recording();
    QVERIFY(&reopened != &original);
    std::size_t reopenedSpans = 0;
    for (const Lane& lane : reopened.lanes())
        reopenedSpans += lane.spans.size();
    QCOMPARE(reopenedSpans, spans);
    QCOMPARE(table->model()->rowCount(), rows);
    QCOMPARE(m_window->runController()->state(), RunController::State::Finished);
    const QString output = m_window->findChild<QPlainTextEdit*>(QStringLiteral("outputView"))->toPlainText();
    QVERIFY(output.contains(QStringLiteral("got the sentinel")));
}

namespace {

char procState(qint64 pid) // the state letter in /proc/<pid>/stat: S sleeping, T stopped, …
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const qsizetype paren = text.lastIndexOf(')');
    return paren >= 0 && paren + 2 < text.size() ? text.at(paren + 2) : '?';
}

} // namespace

// The Locks tab shows the ticket race's lock fought over; the Tasks tab the pool's tasks.
// A large run is written on a thread of its own behind a progress dialog: the window's event
// loop goes on, the recording stays as it is until the file is written, and Cancel writes nothing.
void TestMainWindow::largeExportsRunOffTheWindowThread()
{
    Recording made = forkscope::testing::runWithWorkers(8);
    for (const RecordedEvent& e : forkscope::testing::lockedTasks(8, 7000, 7))
        made.append(e);
    made.runFinished(made.durationNs() + 1);
    QVERIFY(made.events().size() >= RunFiles::kBackgroundFrom);
    RunController* controller = m_window->runController();
    QVERIFY(controller->showRecording(std::make_unique<Recording>(std::move(made))));
    RunFiles* files = m_window->runFiles();
    QTemporaryDir dir;
    const QString atOnce = dir.filePath(QStringLiteral("at-once.trace.json")),
                  path = dir.filePath(QStringLiteral("run.trace.json"));
    QVERIFY(!files->exportTo(ExportFormat::ChromeTrace, atOnce));

    QSignalSpy finished(files, &RunFiles::exportFinished);
    QVERIFY(files->exportInBackground(ExportFormat::ChromeTrace, path));
    QVERIFY(files->isExporting()); // returned before the file was written
    auto* progress = m_window->findChild<QProgressDialog*>();
    QVERIFY(progress && progress->isVisible());
    QVERIFY(!action("actionOpenRun")->isEnabled() && !action("actionStart")->isEnabled() &&
            !action("actionExportTrace")->isEnabled());
    QVERIFY(!controller->start(QStringLiteral("processes"), nlohmann::json::object())); // the recording is held
    QVERIFY(!files->exportInBackground(ExportFormat::EventsCsv, dir.filePath(QStringLiteral("second.csv"))));
    auto* cancel = progress->findChild<QPushButton*>();
    QVERIFY(cancel);
    cancel->click(); // as the user would
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.at(0).at(1).toString().contains(QStringLiteral("cancelled")),
             qPrintable(finished.at(0).at(1).toString()));
    QVERIFY(!QFile::exists(path));
    QVERIFY(!files->isExporting());
    QVERIFY(action("actionOpenRun")->isEnabled() && action("actionExportTrace")->isEnabled());

    QVERIFY(files->exportInBackground(ExportFormat::ChromeTrace, path));
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.at(1).at(1).toString(), QString());
    QFile written(path), expected(atOnce);
    QVERIFY(written.open(QIODevice::ReadOnly) && expected.open(QIODevice::ReadOnly));
    QVERIFY(written.readAll() == expected.readAll()); // the same bytes as written at once
    QVERIFY(controller->canStart());
}

void TestMainWindow::lockAndTaskChartsShowTheRun()
{
    QVERIFY(m_window->selectPreset(QStringLiteral("ticket-race")));
    ConfigModel* config = m_window->configModel();
    config->setData(config->index(rowOfField(QStringLiteral("lock")), ConfigModel::ValueColumn), true);
    config->setData(config->index(rowOfField(QStringLiteral("buyers")), ConfigModel::ValueColumn), 3);
    config->setData(config->index(rowOfField(QStringLiteral("read_ms")), ConfigModel::ValueColumn), 20);
    config->setData(config->index(rowOfField(QStringLiteral("write_ms")), ConfigModel::ValueColumn), 20);
    action("actionStart")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->state(), RunController::State::Finished, 20000);
    auto* locks = m_window->findChild<LockChart*>(QStringLiteral("lockChart"));
    QTRY_VERIFY(locks->model()->rowCount() >= 1);
    QCOMPARE(
        locks->model()->index(0, LockSeriesModel::AcquisitionsColumn).data(LockSeriesModel::ValueRole).toLongLong(), 3);
    QVERIFY(locks->model()->index(0, LockSeriesModel::ContendedColumn).data(LockSeriesModel::ValueRole).toLongLong() >=
            1);
    locks->redraw();
    QVERIFY(!locks->waitersChart()->series().isEmpty());
    QVERIFY(locks->holdersText().contains(QStringLiteral("free")));

    QVERIFY(m_window->selectPreset(QStringLiteral("pool")));
    config->setData(config->index(rowOfField(QStringLiteral("tasks")), ConfigModel::ValueColumn), 6);
    config->setData(config->index(rowOfField(QStringLiteral("task_ms")), ConfigModel::ValueColumn), 20);
    action("actionStart")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->state(), RunController::State::Finished, 20000);
    auto* tasks = m_window->findChild<TaskChart*>(QStringLiteral("taskChart"));
    QTRY_COMPARE(tasks->model()->taskCount(), quint64{6});
    // The process table counts each pool worker's tasks; together they did all six.
    quint64 byWorkers = 0;
    auto* table = m_window->findChild<QTableView*>(QStringLiteral("processView"));
    for (int row = 0; row < table->model()->rowCount(); ++row)
        byWorkers +=
            table->model()->index(row, ProcessTableModel::TasksColumn).data(ProcessTableModel::SortRole).toULongLong();
    QCOMPARE(byWorkers, quint64{6});
    tasks->redraw();
    QVERIFY(!tasks->throughputChart()->series().isEmpty());
    QVERIFY(!tasks->durationsChart()->series().isEmpty());
    // The tab on show saves as a picture from the File menu's action too.
    auto* tabs = m_window->findChild<QTabWidget*>(QStringLiteral("viewTabs"));
    tabs->setCurrentWidget(m_window->findChild<QWidget*>(QStringLiteral("taskTab")));
    QVERIFY(tasks->isVisible());
}

// After a run, the replay bar shows every view as the run was at a moment; its right end, or
// playing to the end, brings back the whole run.
void TestMainWindow::replayShowsTheRunAtAMoment()
{
    QVERIFY(m_window->selectPreset(QStringLiteral("processes")));
    ConfigModel* config = m_window->configModel();
    config->setData(config->index(rowOfField(QStringLiteral("workers")), ConfigModel::ValueColumn), 3);
    config->setData(config->index(rowOfField(QStringLiteral("join")), ConfigModel::ValueColumn),
                    QStringLiteral("one-by-one"));
    config->setData(config->index(rowOfField(QStringLiteral("work_ms")), ConfigModel::ValueColumn), 150);
    auto* bar = m_window->findChild<ReplayBar*>(QStringLiteral("replayBar"));
    QVERIFY(!bar->isEnabled()); // nothing to replay yet
    action("actionStart")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->state(), RunController::State::Finished, 20000);
    QVERIFY(bar->isEnabled());
    auto* table = m_window->findChild<QTableView*>(QStringLiteral("processView"));
    auto* timeline = m_window->findChild<TimelineView*>(QStringLiteral("timelineView"));
    QCOMPARE(table->model()->rowCount(), 4);
    const std::size_t wholeSpans = timeline->model()->spanCount();
    const QString wholeOutput = m_window->findChild<QPlainTextEdit*>(QStringLiteral("outputView"))->toPlainText();

    // A third of the way: the workers run one by one, so the first has been joined and the
    // second is running; the third has not started.
    bar->slider()->setValue(ReplayBar::kSteps * 4 / 10);
    RunController* controller = m_window->runController();
    QVERIFY(controller->isReplaying());
    QCOMPARE(table->model()->rowCount(), 3);
    QCOMPARE(table->model()->index(1, 0).data(ProcessTableModel::StateRole).toInt(), int(ProcessState::Joined));
    QCOMPARE(table->model()->index(2, 0).data(ProcessTableModel::StateRole).toInt(), int(ProcessState::Running));
    QVERIFY(timeline->model()->spanCount() < wholeSpans);
    QCOMPARE(timeline->model()->durationNs(), controller->replayPositionNs());
    QVERIFY(m_window->findChild<QPlainTextEdit*>(QStringLiteral("outputView"))->toPlainText().size() <
            wholeOutput.size());
    QVERIFY(action("actionExportTrace")->isEnabled()); // exports take the whole run

    // The right end: the whole run again, as it was.
    bar->slider()->setValue(ReplayBar::kSteps);
    QVERIFY(!controller->isReplaying());
    QCOMPARE(table->model()->rowCount(), 4);
    QCOMPARE(timeline->model()->spanCount(), wholeSpans);

    // Playing at 10x runs through to the end and stops there.
    bar->findChild<QComboBox*>()->setCurrentIndex(bar->findChild<QComboBox*>()->count() - 1);
    bar->play();
    QVERIFY(bar->isPlaying());
    QVERIFY(controller->isReplaying());
    QTRY_VERIFY_WITH_TIMEOUT(!bar->isPlaying(), 10000);
    QVERIFY(!controller->isReplaying());
    QCOMPARE(table->model()->rowCount(), 4);
    QCOMPARE(timeline->model()->spanCount(), wholeSpans);
    QCOMPARE(m_window->findChild<QPlainTextEdit*>(QStringLiteral("outputView"))->toPlainText(), wholeOutput);
}

void TestMainWindow::signalsReachTheSelectedProcess()
{
    // Like htop: select a worker, send it a signal. STOP pauses it, CONT resumes it, KILL ends it
    // (exit −9 in the table); the other workers go on.
    ConfigModel* config = m_window->configModel();
    config->setData(config->index(rowOfField(QStringLiteral("workers")), ConfigModel::ValueColumn), 2);
    config->setData(config->index(rowOfField(QStringLiteral("work_ms")), ConfigModel::ValueColumn), 60000);
    action("actionStart")->trigger();
    auto* table = m_window->findChild<QTableView*>(QStringLiteral("processView"));
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 3, 20000);
    QVERIFY(!action("actionSignalKill")->isEnabled()); // nothing selected yet
    // Once a second the table samples CPU and memory from /proc, like htop.
    QTRY_VERIFY_WITH_TIMEOUT(!table->model()->index(1, ProcessTableModel::CpuColumn).data().toString().isEmpty(),
                             10000);
    QVERIFY(table->model()->index(1, ProcessTableModel::RssColumn).data().toString().endsWith(QLatin1String(" MiB")));
    auto select = [&](int row) {
        table->setCurrentIndex(table->model()->index(row, 0));
        return table->model()->index(row, 0).data(ProcessTableModel::PidRole).toLongLong();
    };
    const qint64 paused = select(1);
    QVERIFY(action("actionSignalStop")->isEnabled());
    action("actionSignalStop")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(procState(paused), 'T', 5000);
    const int pausedRow = 1;
    QCOMPARE(table->model()->index(pausedRow, ProcessTableModel::StateColumn).data().toString(),
             QStringLiteral("stopped (SIGSTOP)"));
    action("actionSignalCont")->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(procState(paused) != 'T', 5000);
    QCOMPARE(table->model()->index(pausedRow, ProcessTableModel::StateColumn).data().toString(),
             QStringLiteral("running"));
    // The timeline marks both signals on the worker's lane and hatches the stopped stretch.
    auto* timeline = m_window->findChild<TimelineView*>(QStringLiteral("timelineView"));
    const int lane = timeline->model()->laneOfPid(paused);
    QVERIFY(lane > 0);
    const auto marks = timeline->model()->signalMarks(lane);
    QCOMPARE(marks.size(), std::size_t{2});
    QCOMPARE(marks[0].signal, SIGSTOP);
    QCOMPARE(marks[1].signal, SIGCONT);
    const auto stopped = timeline->model()->stoppedIntervals(lane);
    QCOMPARE(stopped.size(), std::size_t{1});
    QVERIFY(stopped[0].first == marks[0].timeNs && stopped[0].second == marks[1].timeNs);

    const qint64 killed = select(2);
    action("actionSignalKill")->trigger();
    const Recording& run = *m_window->runController()->recording();
    QTRY_VERIFY_WITH_TIMEOUT(
        run.lanes()[std::size_t(run.laneOfPid(qint32(killed)))].exitCode == std::optional<qint32>(-9), 10000);
    QVERIFY(run.stateOf(run.laneOfPid(qint32(paused))) == ProcessState::Running);
    // The output pane follows the recording at the next frame, not at once.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->findChild<QPlainTextEdit*>(QStringLiteral("outputView"))
                                 ->toPlainText()
                                 .contains(QStringLiteral("sent SIGKILL")),
                             5000);
    QVERIFY(!action("actionSignalKill")->isEnabled()); // it has exited
    action("actionStop")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->runController()->state(), RunController::State::Finished, 20000);
}

void TestMainWindow::chineseUiIsTranslated()
{
    QCOMPARE(Language::apply(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    QCoreApplication::processEvents(); // LanguageChange reaches the window
    QCOMPARE(m_window->findChild<QMenu*>(QStringLiteral("menuFile"))->title(), QStringLiteral("文件(&F)"));
    QCOMPARE(action("actionStart")->text(), QStringLiteral("开始(&S)"));
    QCOMPARE(m_window->configModel()->index(rowOfField(QStringLiteral("workers")), 0).data().toString(),
             QStringLiteral("工作进程数"));
    QCOMPARE(m_window->configModel()->index(rowOfField(QStringLiteral("join")), 1).data().toString(),
             QStringLiteral("全部启动后再 join"));

    // No visible text of the idle window is left in English: every label, action, menu and header.
    const QStringList english = forkscope::testing::untranslatedTexts(m_window.get());
    QVERIFY2(english.isEmpty(), qPrintable(english.join(QStringLiteral(" | "))));
    Language::apply(QStringLiteral("en"));
}

void TestMainWindow::windowRendersToAPicture()
{
    const QImage image = m_window->grab().toImage();
    QCOMPARE(image.size(), m_window->size() * m_window->devicePixelRatio());
    // Not blank: many colours in the picture.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY(colours.size() > 10);
}

int main(int argc, char** argv)
{
    g_server = ForkServerProcess::spawn();
    return forkscope::testing::run_forking_test<QApplication, TestMainWindow>(argc, argv);
}

#include "tst_mainwindow.moc"
