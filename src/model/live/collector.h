#pragma once

// Collector: the front end's reader of a run's telemetry. It maps the run's memfd (received with
// RunStarted), drains every ring on its own thread every 10 ms (1 ms while a ring fills up) in
// time order, and hands the events to the Recording on the thread that owns the Collector (the
// GUI's or the CLI's event loop, woken through an eventfd), so the recording and the models built
// on it need no locks.
//
//   Collector collector(std::move(fd), t0Ns, &recording);
//   collector.start();      // live: collected() after each delivery
//   …                       // the run ends (RunFinished)
//   collector.finish();     // the rest, now, on this thread

#include "core/unique_fd.h"
#include "model/recording/recording.h"

#include <QObject>

#include <memory>

class QSocketNotifier;

class Collector : public QObject {
    Q_OBJECT

public:
    // Throws std::runtime_error when the descriptor is not a run's telemetry memory.
    Collector(forkscope::core::UniqueFd runMemory, qint64 t0Ns, Recording* recording, QObject* parent = nullptr);
    ~Collector() override; // stops the thread; what was not delivered is lost

    void start(int intervalMs = 10);
    // Stops the thread, drains what every ring still holds and delivers it before returning.
    void finish();
    [[nodiscard]] quint64 delivered() const { return m_delivered; }

    // For benchmarks and tests: one drain of everything, on this thread; returns the events.
    std::size_t drainAllNow();

signals:
    void collected(); // new events reached the recording

private:
    struct State;
    // `everything`: the run is over, read the histograms too whenever they were read last.
    void deliver(bool everything = false);
    void readTimes();

    std::unique_ptr<State> m_state;
    std::unique_ptr<QSocketNotifier> m_wakeNotifier; // destroyed before m_state, which owns its descriptor
    Recording* m_recording;
    quint64 m_delivered = 0;
    static constexpr qint64 kTimesEveryNs = 100'000'000;
    qint64 m_timesReadNs = 0;
};
