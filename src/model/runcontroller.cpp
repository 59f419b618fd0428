#include "model/runcontroller.h"

#include "core/clock.h"
#include "model/collector.h"
#include "model/forkserverclient.h"

#include <nlohmann/json.hpp>

#include <QTimer>

#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

using namespace forkscope;

namespace {

// A process of a recorded run as the table shows it when it starts.
ProcessRow rowOf(const Lane& lane, bool isMain)
{
    ProcessRow row;
    row.name = lane.name;
    row.role = lane.role;
    row.pid = lane.pid;
    row.ppid = lane.ppid;
    row.daemon = lane.daemon;
    row.isMain = isMain;
    row.startNs = std::max<qint64>(0, lane.startNs);
    return row;
}

} // namespace

RunController::RunController(ForkServerClient* client, QObject* parent)
    : QObject(parent), m_client(client), m_processes(new ProcessTableModel(this)), m_usageTimer(new QTimer(this))
{
    m_usageTimer->setInterval(1000);
    connect(m_usageTimer, &QTimer::timeout, this,
            [this] { m_processes->setUsage(m_sampler.sample(m_processes->rows(), core::monotonic_ns())); });
    connect(m_client, &ForkServerClient::messageReceived, this, &RunController::handle);
    connect(m_client, &ForkServerClient::connectionLost, this, &RunController::onConnectionLost);
    connect(this, &RunController::recordingChanged, this, [this] { // the table's Tasks column
        if (!m_recording)
            return;
        QVector<QPair<qint64, quint64>> done;
        for (const Lane& lane : m_recording->lanes()) {
            if (lane.tasksDone > 0)
                done.append({lane.pid, lane.tasksDone});
        }
        m_processes->setTasksDone(done);
    });
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
    return !isActive() && m_client->isConnected();
}

qint64 RunController::elapsedNs() const
{
    switch (m_state) {
    case State::Running:
    case State::Stopping:
        return core::monotonic_ns() - m_t0Ns;
    case State::Finished:
        return m_wallNs;
    default:
        return 0;
    }
}

void RunController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    if (state == State::Running && m_runId != 0) { // a live run, not a saved one being shown
        m_sampler.clear();
        m_usageTimer->start();
    } else if (state != State::Stopping) {
        m_usageTimer->stop();
    }
    emit stateChanged(state);
}

bool RunController::start(const QString& scenario, const nlohmann::json& config)
{
    if (isActive()) {
        emit failed(tr("A run is already in progress."));
        return false;
    }
    m_processes->clear();
    m_summary.reset();
    m_runId = 0;
    m_wallNs = 0;
    m_scenario = scenario;
    m_config = std::make_unique<nlohmann::json>(config);
    m_collector.reset();
    m_replay.reset();
    m_wholeRecording.reset();
    m_recording.reset();
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
    m_collector.reset();
    m_replay.reset();
    m_wholeRecording.reset();
    m_recording = std::move(recording);
    const Recording& r = *m_recording;
    m_processes->clear();
    m_runId = 0;
    m_scenario = r.scenario();
    m_config = std::make_unique<nlohmann::json>(nlohmann::json::parse(r.configJson(), nullptr, false));
    m_t0Ns = r.t0Ns();
    m_wallNs = r.durationNs();
    setState(State::Starting); // the same steps as a live run, so every view follows
    for (const Lane& lane : r.lanes())
        addProcess(rowOf(lane, lane.ring == 0));
    setState(State::Running);
    for (const LogEntry& entry : r.log()) {
        const int lane = r.laneOfPid(entry.pid);
        emit outputLine(entry.timeNs, entry.pid, lane >= 0 ? r.lanes()[std::size_t(lane)].name : QString(), entry.text);
    }
    for (const Lane& lane : r.lanes()) {
        if (lane.exitNs >= 0 || lane.ring == 0) {
            const qint64 end = lane.exitNs >= 0 ? lane.exitNs : r.durationNs();
            if (const ProcessRow* row = m_processes->markExited(lane.pid, lane.exitCode, end))
                emit processExited(*row);
        }
        if (lane.joinNs >= 0 || lane.ring == 0) {
            if (const ProcessRow* row = m_processes->markJoined(lane.pid, lane.joinNs >= 0 ? lane.joinNs : r.durationNs()))
                emit processJoined(*row);
        }
    }
    emit recordingChanged();
    m_summary = RunSummary::fromRows(m_processes->rows(), protocol::Outcome::Completed, m_wallNs, QString());
    setState(State::Finished);
    emit finished(*m_summary);
    return true;
}

bool RunController::sendSignal(qint64 pid, int signal)
{
    const ProcessRow* row = m_processes->find(pid);
    if (!isActive() || !row || row->state != ProcessRow::State::Running) {
        emit failed(tr("Process %1 is not a running process of this run: no signal sent.").arg(pid));
        return false;
    }
    if (::kill(static_cast<pid_t>(pid), signal) != 0) {
        emit failed(tr("Cannot send %1 to %2 (%3): %4")
                        .arg(QString::fromLatin1(sigabbrev_np(signal)), row->name).arg(pid).arg(QString::fromLocal8Bit(std::strerror(errno))));
        return false;
    }
    const qint64 now = core::monotonic_ns();
    if (m_recording)
        m_recording->signalSent(static_cast<qint32>(pid), signal, now);
    if (signal == SIGSTOP || signal == SIGCONT)
        m_processes->setStopped(pid, signal == SIGSTOP);
    emit recordingChanged(); // the mark on the timeline
    emit outputLine(relative(now), pid, row->name,
                    tr("ForkScope: sent SIG%1 to this process").arg(QString::fromLatin1(sigabbrev_np(signal))));
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
                    ProcessRow row;
                    row.name = QString::fromStdString(m.name);
                    row.role = QString::fromStdString(m.role);
                    row.pid = m.pid;
                    row.ppid = m.ppid;
                    row.daemon = m.daemon;
                    row.startNs = relative(m.t_ns);
                    m_processes->addProcess(row);
                    m_recording->processStarted(m.pid, m.ppid, m.t_ns, m.daemon, row.name, row.role);
                    emit processStarted(row);
                } else if constexpr (std::is_same_v<M, protocol::ProcessExited>) {
                    m_recording->processExited(m.pid, m.exitcode, m.t_ns);
                    if (const ProcessRow* row = m_processes->markExited(m.pid, m.exitcode, relative(m.t_ns)))
                        emit processExited(*row);
                } else if constexpr (std::is_same_v<M, protocol::ProcessJoined>) {
                    m_recording->processJoined(m.pid, m.t_ns);
                    if (const ProcessRow* row = m_processes->markJoined(m.pid, relative(m.t_ns)))
                        emit processJoined(*row);
                } else if constexpr (std::is_same_v<M, protocol::LogLine>) {
                    m_recording->logLine(m.pid, m.t_ns, QString::fromStdString(m.text));
                    const ProcessRow* row = m_processes->find(m.pid);
                    emit outputLine(relative(m.t_ns), m.pid, row ? row->name : QString(), QString::fromStdString(m.text));
                } else if constexpr (std::is_same_v<M, protocol::RunResult>) {
                    m_recording->setResult(m.result_json);
                    emit recordingChanged();
                } else if constexpr (std::is_same_v<M, protocol::RunFinished>) {
                    onFinished(m);
                }
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
    ProcessRow main;
    main.name = QStringLiteral("MainProcess"); // Python's name for it
    main.role = QString::fromUtf8(QT_TRANSLATE_NOOP("Role", "main")); // translated when shown
    main.pid = m.main_pid;
    main.ppid = m.main_ppid;
    main.isMain = true;
    m_processes->addProcess(main);
    m_recording = std::make_unique<Recording>();
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
    setState(State::Running);
    emit processStarted(main);
}

void RunController::onFinished(const protocol::RunFinished& m)
{
    m_wallNs = m.wall_ns > 0 ? m.wall_ns : relative(m.t_ns);
    if (const ProcessRow* main = m_processes->rows().isEmpty() ? nullptr : &m_processes->rows().first()) {
        // The fork server reaps the supervisor; its exit status is not the run's outcome.
        const qint64 pid = main->pid;
        m_processes->markExited(pid, std::nullopt, relative(m.t_ns));
        m_processes->markJoined(pid, relative(m.t_ns));
    }
    if (m_collector)
        m_collector->finish(); // every process has ended: the rings hold all there will be
    m_recording->runFinished(m.t_ns);
    emit recordingChanged();
    m_summary = RunSummary::fromRows(m_processes->rows(), m.outcome, m_wallNs, QString::fromStdString(m.message));
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
        if (m_recording)
            m_recording->runFinished(m_t0Ns + m_wallNs);
        m_summary = RunSummary::fromRows(m_processes->rows(), protocol::Outcome::Killed, m_wallNs, reason);
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

void RunController::addProcess(const ProcessRow& row)
{
    m_processes->addProcess(row);
    emit processStarted(row);
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
    if (!m_recording || tNs < m_replay->positionNs()) { // back in time: from the start again
        auto fresh = m_replay->restart();
        m_processes->clear();
        emit outputCleared();
        m_recording = std::move(fresh); // the views switch to it on recordingChanged()
        addProcess(rowOf(m_wholeRecording->lanes().front(), true));
    }
    m_replay->advance(tNs, *m_recording, [this](const Replay::Step& step) { followReplayStep(step); });
    if (tNs >= m_replay->endNs() && !m_processes->rows().isEmpty()) {
        const qint64 mainPid = m_processes->rows().first().pid;
        m_processes->markExited(mainPid, std::nullopt, tNs);
        m_processes->markJoined(mainPid, tNs);
    }
    emit recordingChanged();
    emit replayChanged();
}

void RunController::followReplayStep(const Replay::Step& step)
{
    const Lane& lane = m_wholeRecording->lanes()[static_cast<std::size_t>(step.lane)];
    switch (step.kind) {
    case Replay::Step::Kind::Start:
        addProcess(rowOf(lane, false));
        break;
    case Replay::Step::Kind::Exit:
        if (const ProcessRow* row = m_processes->markExited(lane.pid, lane.exitCode, lane.exitNs))
            emit processExited(*row);
        break;
    case Replay::Step::Kind::Join:
        if (const ProcessRow* row = m_processes->markJoined(lane.pid, lane.joinNs))
            emit processJoined(*row);
        break;
    case Replay::Step::Kind::Log: {
        const LogEntry& entry = m_wholeRecording->log()[step.index];
        const int owner = m_wholeRecording->laneOfPid(entry.pid);
        emit outputLine(entry.timeNs, entry.pid, owner >= 0 ? m_wholeRecording->lanes()[std::size_t(owner)].name : QString(), entry.text);
        break;
    }
    case Replay::Step::Kind::Signal: {
        const int signal = lane.signalsSent[step.index].signal;
        if (signal == SIGSTOP || signal == SIGCONT)
            m_processes->setStopped(lane.pid, signal == SIGSTOP);
        break;
    }
    }
}

void RunController::endReplay()
{
    if (!m_replay)
        return;
    // The whole run again, through the steps of showing a saved one; its outcome stays its own.
    const std::optional<RunSummary> summary = m_summary;
    const qint64 wallNs = m_wallNs;
    m_replay.reset();
    std::unique_ptr<Recording> whole = std::move(m_wholeRecording);
    showRecording(std::move(whole));
    m_summary = summary;
    m_wallNs = wallNs;
    emit replayChanged();
}
