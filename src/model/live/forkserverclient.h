#pragma once

#include "core/unique_fd.h"
#include "scenarios/runner/fork_server.h"
#include "scenarios/runner/protocol.h"

#include <QObject>

#include <map>

class QSocketNotifier;

// The front end's side of the fork server's socket, on the Qt event loop: requests go out,
// every message that comes back is emitted as messageReceived().
class ForkServerClient : public QObject {
    Q_OBJECT

public:
    explicit ForkServerClient(forkscope::scenarios::ForkServerProcess server, QObject* parent = nullptr);
    ~ForkServerClient() override;

    [[nodiscard]] bool isConnected() const;
    [[nodiscard]] qint64 serverPid() const;

    // The request's id, echoed in RunStarted or Error; 0 if the server is gone.
    quint32 requestRun(const std::string& scenario, const std::string& configJson);
    void stopRun(quint32 runId);
    // The telemetry memory that came with the run's RunStarted; invalid if none came or it was
    // already taken. Call it from a messageReceived() handler for RunStarted.
    forkscope::core::UniqueFd takeRunMemory(quint32 runId);

signals:
    void messageReceived(const forkscope::protocol::Message& message);
    void connectionLost(const QString& reason);

private:
    void readMessages();
    bool send(const forkscope::protocol::Message& message);
    void lose(const QString& reason);

    forkscope::scenarios::ForkServerProcess m_server;
    QSocketNotifier* m_notifier = nullptr;
    quint32 m_nextRequestId = 0;
    std::map<quint32, forkscope::core::UniqueFd> m_runMemory; // run id -> memfd, until taken
};
