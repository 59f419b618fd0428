#pragma once

#include <QList>
#include <QObject>

#include <vector>

class LockChart;
class LockSeriesModel;
class ProcessTableModel;
class QueueChart;
class QueueSeriesModel;
class RecordingView;
class RunController;
class TaskChart;
class TaskStatsModel;
class TimelineModel;
class TimelineView;

// Every view of the controller's recording in the window — the process table, the output, the
// timeline, the queue, lock and task charts — kept on it a frame at a time: on each FrameClock
// tick while a run goes (the clock is held then), and once soon after any other change (a run
// finishing, a file opened, a replay moving). Each view takes in only what the recording gained,
// or starts over when it is another recording. "Now" follows the wall clock during a run and the
// replayed moment during a replay.
class RunViews : public QObject {
    Q_OBJECT

public:
    RunViews(RunController* controller, TimelineView* timeline, QueueChart* queues, LockChart* locks, TaskChart* tasks,
             QObject* parent = nullptr);

    [[nodiscard]] TimelineModel* timelineModel() const { return m_timelineModel; }
    [[nodiscard]] ProcessTableModel* processModel() const { return m_processModel; }
    // Another view of the recording (the output pane): followed with the rest, in order.
    void addView(RecordingView* view);
    // The charts and the timeline in the order of their tabs; each saves as a picture from its
    // context menu.
    [[nodiscard]] QList<QWidget*> views() const { return m_views; }
    void retranslate();

signals:
    void followed(); // every view shows the recording as it is now

private:
    void follow();
    void updateLiveEnd();

    RunController* m_controller;
    ProcessTableModel* m_processModel;
    TimelineModel* m_timelineModel;
    QueueSeriesModel* m_queueModel;
    LockSeriesModel* m_lockModel;
    TaskStatsModel* m_taskModel;
    std::vector<RecordingView*> m_followers;
    QList<QWidget*> m_views;
    bool m_stale = false; // the recording changed since the last frame
};
