#pragma once

#include "model/live/procsampler.h"
#include "model/recording/recording.h"
#include "model/recording/replay.h"
#include "model/report/runsummary.h"
#include "scenarios/runner/protocol.h"

#include <nlohmann/json_fwd.hpp>

#include <QObject>

#include <memory>
#include <optional>

class Collector;
class QTimer;
class ForkServerClient;

// Drives one run at a time through the fork server. What the run does goes into its Recording —
// the one truth every view reads, as for a run opened from a file or replayed — and this keeps
// only what a Recording is not: the run's state, its clock, its outcome, and the latest /proc
// samples of its processes. The GUI and the CLI both sit on top of it.
class RunController : public QObject {
    Q_OBJECT

public:
    enum class State { Idle, Starting, Running, Stopping, Finished };
    Q_ENUM(State)

    explicit RunController(ForkServerClient* client, QObject* parent = nullptr);
    ~RunController() override;

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool isActive() const;
    [[nodiscard]] bool canStart() const;
    [[nodiscard]] quint32 runId() const { return m_runId; }
    [[nodiscard]] QString scenario() const { return m_scenario; }
    // Since the run started: live while it runs, the measured wall time once finished.
    [[nodiscard]] qint64 elapsedNs() const;
    [[nodiscard]] const std::optional<RunSummary>& summary() const { return m_summary; }
    // The current or last run's recording; null before the first run starts. While a moment of
    // a finished run is replayed, the run up to that moment.
    [[nodiscard]] const Recording* recording() const { return m_recording.get(); }
    // The whole last run, even while a moment of it is replayed: what to save and export.
    [[nodiscard]] const Recording* wholeRecording() const
    {
        return m_wholeRecording ? m_wholeRecording.get() : m_recording.get();
    }
    // For the config that goes with an export.
    [[nodiscard]] const nlohmann::json& config() const;

    // While held (an export reads the recording on a thread of its own), no run starts and no
    // other recording is shown: the one being read stays. Holds nest.
    void holdRecording(bool held) { m_holds += held ? 1 : -1; }
    [[nodiscard]] bool isRecordingHeld() const { return m_holds > 0; }

    // How many events the next run's recording stores (Recording::eventLimit()); past it the
    // run goes on in the summaries and the exact counts.
    void setEventLimit(quint64 limit) { m_eventLimit = limit; }
    [[nodiscard]] quint64 eventLimit() const { return m_eventLimit; }

    // False (and failed() emitted) if a run is active or the fork server is gone.
    bool start(const QString& scenario, const nlohmann::json& config);
    // Makes a saved run the current one, finished. False (and failed() emitted) while a run is
    // active.
    bool showRecording(std::unique_ptr<Recording> recording);
    void stop();
    // Sends `signal` to a process of the current run that has not exited (the main process
    // included), like htop; the pid is checked against the run's table first, so a pid reused
    // by an unrelated process is never signalled. False, with failed() emitted, otherwise.
    bool sendSignal(qint64 pid, int signal);

    // Replay of a finished run (live or opened): recording() is the run as it was `tNs` after
    // it started, as if it were going on. endReplay() brings back the whole run.
    [[nodiscard]] bool canReplay() const;
    [[nodiscard]] bool isReplaying() const { return m_replay != nullptr; }
    [[nodiscard]] qint64 replayEndNs() const;
    [[nodiscard]] qint64 replayPositionNs() const; // the end when not replaying
    void replayTo(qint64 tNs);
    void endReplay();

    // The latest /proc samples of the current run's running processes (none once it is over).
    [[nodiscard]] const QVector<ProcessUsage>& usage() const { return m_usage; }

signals:
    void stateChanged(RunController::State state);
    void finished(const RunSummary& summary);
    void failed(const QString& message);
    // recording() gained something (a message or events), or is another recording: a new run,
    // an opened one, a replay going back or ending. Views follow() it.
    void recordingChanged();
    void usageChanged();
    void replayChanged(); // the replayed moment moved, or the replay ended

private:
    void handle(const forkscope::protocol::Message& message);
    void onRunStarted(const forkscope::protocol::RunStarted& m);
    void onFinished(const forkscope::protocol::RunFinished& m);
    void onError(const forkscope::protocol::Error& m);
    void onConnectionLost(const QString& reason);
    void setState(State state);
    void sampleUsage();
    bool refuseWhileHeld(); // emits failed() if held
    [[nodiscard]] qint64 relative(qint64 tNs) const { return tNs - m_t0Ns; }

    ForkServerClient* m_client;
    State m_state = State::Idle;
    QString m_scenario;
    quint32 m_requestId = 0;
    quint32 m_runId = 0;
    qint64 m_t0Ns = 0;
    qint64 m_wallNs = 0;
    std::optional<RunSummary> m_summary;
    std::unique_ptr<nlohmann::json> m_config;
    quint64 m_eventLimit = Recording::kDefaultEventLimit;
    std::unique_ptr<Recording> m_recording;
    std::unique_ptr<Recording> m_wholeRecording; // while replaying: the run m_replay reads
    std::unique_ptr<Replay> m_replay;
    std::unique_ptr<Collector> m_collector;
    QTimer* m_usageTimer; // samples CPU % and RSS from /proc once a second while a run is going
    ProcSampler m_sampler;
    int m_holds = 0;
    QVector<ProcessUsage> m_usage;
};
