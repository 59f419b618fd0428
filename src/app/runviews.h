#pragma once

#include <QList>
#include <QObject>

class LockChart;
class LockSeriesModel;
class QTimer;
class QueueChart;
class QueueSeriesModel;
class RunController;
class TaskChart;
class TaskStatsModel;
class TimelineModel;
class TimelineView;

// The dashboard's views of a run — timeline, queues, locks, tasks — and the models behind them,
// kept on the controller's recording: a new one for each run, opened file or replay going back;
// only what it gained since the last look otherwise. "Now" follows the wall clock during a run
// and the replayed moment during a replay.
class RunViews : public QObject {
    Q_OBJECT

public:
    RunViews(RunController* controller, TimelineView* timeline, QueueChart* queues, LockChart* locks, TaskChart* tasks,
             QObject* parent = nullptr);

    [[nodiscard]] TimelineModel* timelineModel() const { return m_timelineModel; }
    // The views in the order of their tabs; each saves as a picture from its context menu.
    [[nodiscard]] QList<QWidget*> views() const { return m_views; }
    void retranslate();

private:
    void follow();
    void updateLiveEnd();

    RunController* m_controller;
    TimelineModel* m_timelineModel;
    QueueSeriesModel* m_queueModel;
    LockSeriesModel* m_lockModel;
    TaskStatsModel* m_taskModel;
    QList<QWidget*> m_views;
    QTimer* m_liveClock; // while a run goes, its open spans grow with the wall clock
};
