#include "model/live/forkserverclient.h"

#include "scenarios/runner/channel.h"

#include <QSocketNotifier>

using namespace forkscope;

ForkServerClient::ForkServerClient(scenarios::ForkServerProcess server, QObject* parent)
    : QObject(parent), m_server(std::move(server))
{
    m_notifier = new QSocketNotifier(m_server.fd(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &ForkServerClient::readMessages);
}

ForkServerClient::~ForkServerClient() = default; // m_server closes the socket: every run is killed

bool ForkServerClient::isConnected() const
{
    return m_notifier->isEnabled();
}

qint64 ForkServerClient::serverPid() const
{
    return m_server.pid();
}

quint32 ForkServerClient::requestRun(const std::string& scenario, const std::string& configJson)
{
    const quint32 id = ++m_nextRequestId;
    return send(protocol::RunRequest{id, scenario, configJson}) ? id : 0;
}

void ForkServerClient::stopRun(quint32 runId)
{
    send(protocol::StopRun{runId});
}

core::UniqueFd ForkServerClient::takeRunMemory(quint32 runId)
{
    const auto it = m_runMemory.find(runId);
    if (it == m_runMemory.end())
        return {};
    core::UniqueFd fd = std::move(it->second);
    m_runMemory.erase(it);
    return fd;
}

bool ForkServerClient::send(const protocol::Message& message)
{
    if (!isConnected())
        return false;
    try {
        protocol::send_message(m_server.fd(), message);
        return true;
    } catch (const std::exception& e) {
        lose(tr("Cannot reach the fork server: %1").arg(QString::fromLocal8Bit(e.what())));
        return false;
    }
}

void ForkServerClient::lose(const QString& reason)
{
    if (!isConnected())
        return;
    m_notifier->setEnabled(false);
    emit connectionLost(reason);
}

void ForkServerClient::readMessages()
{
    // Bounded, so a flood of output cannot starve the event loop; the notifier fires again.
    for (int i = 0; i < 1024 && isConnected(); ++i) {
        protocol::Received r;
        try {
            r = protocol::receive_message(m_server.fd(), false);
        } catch (const std::exception& e) {
            lose(tr("Cannot read from the fork server: %1").arg(QString::fromLocal8Bit(e.what())));
            return;
        }
        switch (r.status) {
        case protocol::ReceiveStatus::WouldBlock: return;
        case protocol::ReceiveStatus::Closed:
            lose(tr("The fork server has stopped. Restart ForkScope to run scenarios again."));
            return;
        case protocol::ReceiveStatus::Malformed:
            qWarning("ForkScope: ignoring a malformed message from the fork server: %s", r.error.c_str());
            continue;
        case protocol::ReceiveStatus::Ok:
            if (const auto* started = std::get_if<protocol::RunStarted>(&*r.message); started && r.passed[0]) {
                m_runMemory[started->run_id] = std::move(r.passed[0]);
                emit messageReceived(*r.message);
                m_runMemory.erase(started->run_id); // not taken: nobody wants this run's telemetry
            } else {
                emit messageReceived(*r.message);
            }
            break;
        }
    }
}
