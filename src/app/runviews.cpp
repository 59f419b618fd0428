#include "app/runviews.h"

#include "app/lockchart.h"
#include "app/pictureexport.h"
#include "app/queuechart.h"
#include "app/taskchart.h"
#include "app/timelineview.h"
#include "model/lockseriesmodel.h"
#include "model/queueseriesmodel.h"
#include "model/runcontroller.h"
#include "model/taskstatsmodel.h"
#include "model/timelinemodel.h"

#include <QTimer>

RunViews::RunViews(RunController* controller, TimelineView* timeline, QueueChart* queues, LockChart* locks, TaskChart* tasks,
                   QObject* parent)
    : QObject(parent),
      m_controller(controller),
      m_timelineModel(new TimelineModel(this)),
      m_queueModel(new QueueSeriesModel(this)),
      m_lockModel(new LockSeriesModel(this)),
      m_taskModel(new TaskStatsModel(this)),
      m_views{timeline, queues, locks, tasks},
      m_liveClock(new QTimer(this))
{
    timeline->setModel(m_timelineModel);
    queues->setModel(m_queueModel);
    locks->setModel(m_lockModel);
    tasks->setModel(m_taskModel);
    for (QWidget* view : m_views)
        PictureExport::addContextAction(view, view->objectName() + QStringLiteral(".png"));
    m_liveClock->setInterval(100);
    connect(m_liveClock, &QTimer::timeout, this, &RunViews::updateLiveEnd);
    connect(controller, &RunController::recordingChanged, this, &RunViews::follow);
    connect(controller, &RunController::stateChanged, this, [this] {
        follow();
        if (m_controller->isActive())
            m_liveClock->start();
        else
            m_liveClock->stop();
        updateLiveEnd();
    });
    connect(controller, &RunController::replayChanged, this, &RunViews::updateLiveEnd);
}

void RunViews::retranslate()
{
    for (QWidget* view : m_views)
        PictureExport::retranslate(view);
}

void RunViews::follow()
{
    const Recording* recording = m_controller->recording();
    if (m_timelineModel->recording() != recording) {
        m_timelineModel->setRecording(recording);
        m_queueModel->setRecording(recording);
        m_lockModel->setRecording(recording);
        m_taskModel->setRecording(recording);
    } else {
        m_timelineModel->refresh();
        m_queueModel->refresh();
        m_lockModel->refresh();
        m_taskModel->refresh();
    }
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
