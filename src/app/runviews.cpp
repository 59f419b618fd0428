#include "app/runviews.h"

#include "app/frameclock.h"
#include "app/lockchart.h"
#include "app/pictureexport.h"
#include "app/queuechart.h"
#include "app/taskchart.h"
#include "app/timelineview.h"
#include "model/live/runcontroller.h"
#include "model/views/lockseriesmodel.h"
#include "model/views/processtablemodel.h"
#include "model/views/queueseriesmodel.h"
#include "model/views/taskstatsmodel.h"
#include "model/views/timelinemodel.h"

RunViews::RunViews(RunController* controller, TimelineView* timeline, QueueChart* queues, LockChart* locks,
                   TaskChart* tasks, QObject* parent)
    : QObject(parent), m_controller(controller), m_processModel(new ProcessTableModel(this)),
      m_timelineModel(new TimelineModel(this)), m_queueModel(new QueueSeriesModel(this)),
      m_lockModel(new LockSeriesModel(this)), m_taskModel(new TaskStatsModel(this)),
      m_followers{m_processModel, m_timelineModel, m_queueModel, m_lockModel, m_taskModel}, m_views{timeline, queues,
                                                                                                    locks, tasks}
{
    timeline->setModel(m_timelineModel);
    queues->setModel(m_queueModel);
    locks->setModel(m_lockModel);
    tasks->setModel(m_taskModel);
    for (QWidget* view : m_views)
        PictureExport::addContextAction(view, view->objectName() + QStringLiteral(".png"));

    FrameClock* clock = FrameClock::instance();
    connect(clock, &FrameClock::tick, this, [this] {
        if (m_stale || m_controller->isActive()) // a live run's open spans grow with the wall clock
            follow();
    });
    connect(controller, &RunController::recordingChanged, this, [this, clock] {
        m_stale = true;
        clock->request();
    });
    connect(controller, &RunController::usageChanged, this,
            [this] { m_processModel->setUsage(m_controller->usage()); });
    connect(controller, &RunController::stateChanged, this, [this, clock] {
        clock->hold(this, m_controller->isActive());
        follow(); // at once: a run's first and last frames are not left to the clock
    });
    // At once too: a run finished or opened, and a replay the user moves by hand (or playing,
    // on the clock's own tick).
    connect(controller, &RunController::finished, this, &RunViews::follow);
    connect(controller, &RunController::replayChanged, this, &RunViews::follow);
}

void RunViews::addView(RecordingView* view)
{
    m_followers.push_back(view);
    view->follow(m_controller->recording());
}

void RunViews::retranslate()
{
    for (QWidget* view : m_views)
        PictureExport::retranslate(view);
}

void RunViews::follow()
{
    m_stale = false;
    updateLiveEnd();
    const Recording* recording = m_controller->recording();
    for (RecordingView* view : m_followers)
        view->follow(recording);
    emit followed();
}

void RunViews::updateLiveEnd()
{
    if (m_controller->isActive())
        m_timelineModel->setLiveEndNs(m_controller->elapsedNs());
    else if (m_controller->isReplaying()) // what was still going at the moment shown reaches it
        m_timelineModel->setLiveEndNs(m_controller->replayPositionNs());
    else
        m_timelineModel->setLiveEndNs(0); // the recording's own end
}
