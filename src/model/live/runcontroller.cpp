#include "model/live/runcontroller.h"

#include "core/clock.h"
#include "model/live/collector.h"
#include "model/live/forkserverclient.h"

#include <nlohmann/json.hpp>

#include <QTimer>

#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

using namespace forkscope;

RunController::RunController(ForkServerClient* client, QObject* parent)
    : QObject(parent), m_client(client), m_usageTimer(new QTimer(this))
{
    m_usageTimer->setInterval(1000);
    connect(m_usageTimer, &QTimer::timeout, this, &RunController::sampleUsage);
    connect(m_client, &ForkServerClient::messageReceived, this, &RunController::handle);
    connect(m_client, &ForkServerClient::connectionLost, this, &RunController::onConnectionLost);
}

bool RunController::refuseWhileHeld()
{
    if (!isRecordingHeld())
        return false;
    emit failed(tr("An export is being written from this run: wait for it, or cancel it."));
    return true;
}

void RunController::sampleUsage()
{
    if (m_recording)
        m_usage = m_sampler.sample(*m_recording, core::monotonic_ns());
    emit usageChanged();
}

RunController::~RunController() = default;

const nlohmann::json& RunController::config() const
{
    static const nlohmann::json none = nlohmann::json::object();
    return m_config ? *m_config : none;
}

bool RunController::isActive() const
{
    return m_state == State::Starting || m_state == State::Running || m_state == State::Stopping;
}

bool RunController::canStart() const
{
    return !isActive() && m_client->isConnected() && !isRecordingHeld();
}

qint64 RunController::elapsedNs() const
{
    switch (m_state) {
    case State::Running:
    case State::Stopping: return core::monotonic_ns() - m_t0Ns;
    case State::Finished: return m_wallNs;
    default: return 0;
    }
}

void RunController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    if (state == State::Running) {
        m_sampler.clear();
        m_usageTimer->start();
    } else if (state != State::Stopping) {
        m_usageTimer->stop();
        if (!m_usage.isEmpty()) {
            m_usage.clear(); // what /proc said of processes that are gone
            emit usageChanged();
        }
    }
    emit stateChanged(state);
}

bool RunController::start(const QString& scenario, const nlohmann::json& config)
{
    if (isActive()) {
        emit failed(tr("A run is already in progress."));
        return false;
    }
    if (refuseWhileHeld())
        return false;
    m_summary.reset();
    m_runId = 0;
    m_wallNs = 0;
    m_scenario = scenario;
    m_config = std::make_unique<nlohmann::json>(config);
    m_collector.reset();
    m_replay.reset();
    m_wholeRecording.reset();
    m_recording.reset();
    emit recordingChanged();
    m_requestId = m_client->requestRun(scenario.toStdString(), config.dump());
    if (m_requestId == 0) {
        setState(State::Idle);
        emit failed(tr("The run could not be requested: the fork server is not running."));
        return false;
    }
    setState(State::Starting);
    return true;
}

bool RunController::showRecording(std::unique_ptr<Recording> recording)
{
    if (isActive()) {
        emit failed(tr("A run is in progress: stop it before opening another."));
        return false;
    }
    if (refuseWhileHeld())
        return false;
    m_collector.reset();
    m_replay.reset();
    m_wholeRecording.reset();
    m_recording = std::move(recording);
    const Recording& r = *m_recording;
    m_runId = 0;
    m_scenario = r.scenario();
    m_config = std::make_unique<nlohmann::json>(nlohmann::json::parse(r.configJson(), nullptr, false));
    m_t0Ns = r.t0Ns();
    m_wallNs = r.durationNs();
    m_summary = RunSummary::fromRecording(r, protocol::Outcome::Completed, m_wallNs, QString());
    emit recordingChanged();
    setState(State::Finished);
    emit finished(*m_summary);
    return true;
}

bool RunController::sendSignal(qint64 pid, int signal)
{
    const int lane = m_recording ? m_recording->laneOfPid(static_cast<qint32>(pid)) : -1;
    if (!isActive() || lane < 0 || m_recording->stateOf(lane) != ProcessState::Running) {
        emit failed(tr("Process %1 is not a running process of this run: no signal sent.").arg(pid));
        return false;
    }
    if (::kill(static_cast<pid_t>(pid), signal) != 0) {
        emit failed(tr("Cannot send %1 to %2 (%3): %4")
                        .arg(QString::fromLatin1(sigabbrev_np(signal)), m_recording->lanes()[std::size_t(lane)].name)
                        .arg(pid)
                        .arg(QString::fromLocal8Bit(std::strerror(errno))));
        return false;
    }
    m_recording->signalSent(static_cast<qint32>(pid), signal, core::monotonic_ns());
    if (signal == SIGSTOP || signal == SIGCONT) { // shown at once; the next sample confirms it
        for (ProcessUsage& u : m_usage) {
            if (u.pid == pid)
                u.stopped = signal == SIGSTOP;
        }
        emit usageChanged();
    }
    emit recordingChanged(); // the mark on the timeline, the line in the output
    return true;
}

void RunController::stop()
{
    if (m_state == State::Running) {
        m_client->stopRun(m_runId);
        setState(State::Stopping);
    }
}

void RunController::handle(const protocol::Message& message)
{
    std::visit(
        [this](const auto& m) {
            using M = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<M, protocol::RunStarted>) {
                onRunStarted(m);
            } else if constexpr (std::is_same_v<M, protocol::Error>) {
                onError(m);
            } else if constexpr (requires { m.run_id; }) {
                if (m_runId == 0 || m.run_id != m_runId || !isActive())
                    return; // another front end's run, or one we have finished with
                if constexpr (std::is_same_v<M, protocol::ProcessStarted>) {
                    m_recording->processStarted(m.pid, m.ppid, m.t_ns, m.daemon, QString::fromStdString(m.name),
                                                QString::fromStdString(m.role));
                } else if constexpr (std::is_same_v<M, protocol::ProcessExited>) {
                    m_recording->processExited(m.pid, m.exitcode, m.t_ns);
                } else if constexpr (std::is_same_v<M, protocol::ProcessJoined>) {
                    m_recording->processJoined(m.pid, m.t_ns);
                } else if constexpr (std::is_same_v<M, protocol::LogLine>) {
                    m_recording->logLine(m.pid, m.t_ns, QString::fromStdString(m.text));
                } else if constexpr (std::is_same_v<M, protocol::RunResult>) {
                    m_recording->setResult(m.result_json);
                } else if constexpr (std::is_same_v<M, protocol::RunFinished>) {
                    onFinished(m);
                    return; // it said so itself
                }
                emit recordingChanged();
            }
        },
        message);
}

void RunController::onRunStarted(const protocol::RunStarted& m)
{
    if (m_state != State::Starting || m.request_id != m_requestId)
        return;
    m_runId = m.run_id;
    m_t0Ns = m.t_ns;
    m_recording = std::make_unique<Recording>(m_eventLimit);
    m_recording->setScenario(m_scenario, m_config->dump());
    m_recording->runStarted(m.t_ns, m.main_pid, m.main_ppid);
    if (core::UniqueFd memory = m_client->takeRunMemory(m.run_id)) {
        try {
            m_collector = std::make_unique<Collector>(std::move(memory), m.t_ns, m_recording.get());
            connect(m_collector.get(), &Collector::collected, this, &RunController::recordingChanged);
            m_collector->start();
        } catch (const std::exception& e) {
            emit failed(tr("This run's telemetry cannot be read (%1); processes and output are still shown.")
                            .arg(QString::fromLocal8Bit(e.what())));
        }
    }
    emit recordingChanged();
    setState(State::Running);
}

void RunController::onFinished(const protocol::RunFinished& m)
{
    m_wallNs = m.wall_ns > 0 ? m.wall_ns : relative(m.t_ns);
    if (m_collector)
        m_collector->finish(); // every process has ended: the rings hold all there will be
    m_recording->runFinished(m.t_ns);
    emit recordingChanged();
    m_summary = RunSummary::fromRecording(*m_recording, m.outcome, m_wallNs, QString::fromStdString(m.message));
    setState(State::Finished);
    emit finished(*m_summary);
}

void RunController::onError(const protocol::Error& m)
{
    const QString text = QString::fromStdString(m.message);
    if (m_state == State::Starting && m.request_id == m_requestId) {
        setState(State::Idle);
        emit failed(text);
    } else if (isActive() && m.run_id == m_runId) {
        emit failed(text); // RunFinished follows
    } else if (m.request_id == 0 && m.run_id == 0) {
        emit failed(tr("The fork server reported: %1").arg(text));
    }
}

void RunController::onConnectionLost(const QString& reason)
{
    if (isActive()) {
        m_wallNs = elapsedNs();
        if (m_collector)
            m_collector->finish();
        if (m_recording) {
            m_recording->runFinished(m_t0Ns + m_wallNs);
            m_summary = RunSummary::fromRecording(*m_recording, protocol::Outcome::Killed, m_wallNs, reason);
        } else {
            m_summary = RunSummary();
            m_summary->outcome = protocol::Outcome::Killed;
            m_summary->message = reason;
            m_summary->wallNs = m_wallNs;
        }
        emit recordingChanged();
        setState(State::Finished);
        emit finished(*m_summary);
    }
    emit failed(reason);
}

bool RunController::canReplay() const
{
    return m_state == State::Finished && wholeRecording() && wholeRecording()->durationNs() > 0;
}

qint64 RunController::replayEndNs() const
{
    return wholeRecording() ? wholeRecording()->durationNs() : 0;
}

qint64 RunController::replayPositionNs() const
{
    return m_replay ? m_replay->positionNs() : replayEndNs();
}

void RunController::replayTo(qint64 tNs)
{
    if (!canReplay())
        return;
    if (!m_replay) {
        m_wholeRecording = std::move(m_recording);
        m_replay = std::make_unique<Replay>(*m_wholeRecording);
    }
    tNs = std::clamp<qint64>(tNs, 0, m_replay->endNs());
    if (!m_recording || tNs < m_replay->positionNs()) // back in time: from the start again
        m_recording = m_replay->restart(); // views see another recording and start over
    m_replay->advance(tNs, *m_recording);
    emit recordingChanged();
    emit replayChanged();
}

void RunController::endReplay()
{
    if (!m_replay)
        return;
    // The whole run again; its outcome and wall time stay its own.
    m_replay.reset();
    m_recording = std::move(m_wholeRecording);
    emit recordingChanged();
    emit replayChanged();
}
