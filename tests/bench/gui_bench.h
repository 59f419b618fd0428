#pragma once

// What the GUI benchmark's two parts share: percentiles of frame times, the `name value unit`
// lines, a count of the paints a widget really received.

#include <QElapsedTimer>
#include <QEvent>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace forkscope::bench {

struct Percentiles {
    double p50 = 0, p95 = 0, max = 0;
    std::size_t count = 0;
};

// Nearest-rank percentiles: p95 of 20 frames is the 19th, a frame that really happened.
inline Percentiles percentiles(std::vector<double> values)
{
    Percentiles p;
    p.count = values.size();
    if (values.empty())
        return p;
    std::sort(values.begin(), values.end());
    auto rank = [&](double q) {
        return values[static_cast<std::size_t>(std::max(1.0, std::ceil(q * static_cast<double>(values.size())))) - 1];
    };
    p.p50 = rank(0.50);
    p.p95 = rank(0.95);
    p.max = values.back();
    return p;
}

// One `name value unit` line, the name in full.
inline void metricLine(const std::string& name, double value, const char* unit)
{
    // Counts and rates in full (an event lost among 60 million must show), the rest to 4 digits.
    const bool whole = (value == std::floor(value) || std::fabs(value) >= 1e4) && std::fabs(value) < 1e15;
    std::printf(whole ? "%s %.0f %s\n" : "%s %.4g %s\n", name.c_str(), value, unit);
    std::fflush(stdout);
}

inline void metric(const std::string& name, double value, const char* unit)
{
    metricLine("fs.gui." + name, value, unit);
}

// A `# target …: met|MISSED (value unit)` comment; returns 1 if missed.
inline int printTarget(const std::string& what, bool met, double value, const char* unit)
{
    std::printf("# target %s: %s (%.4g %s)\n", what.c_str(), met ? "met" : "MISSED", value, unit);
    return met ? 0 : 1;
}

inline void metrics(const std::string& name, const Percentiles& p) // name_p50, _p95, _max in ms
{
    metric(name + "_p50", p.p50, "ms");
    metric(name + "_p95", p.p95, "ms");
    metric(name + "_max", p.max, "ms");
}

// How long the main thread's event loop goes without answering: a 5 ms timer on it, whose gaps
// between firings are the stretches a click or a key would have waited (folding events into the
// recording, model updates, painting: whatever the loop was doing). Gaps in the first `splitS`
// seconds and after are kept apart: the start of a run (processes starting, views filling) is
// not its steady state.
class LoopTimer : public QObject {
public:
    static constexpr int kProbeMs = 5;
    explicit LoopTimer(double splitS = 10) : m_splitNs(static_cast<qint64>(splitS * 1e9))
    {
        m_probe.setTimerType(Qt::PreciseTimer);
        m_probe.setInterval(kProbeMs);
        connect(&m_probe, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            (m_lastNs < m_splitNs ? m_first : m_rest).push_back(static_cast<double>(now - m_lastNs) / 1e6);
            m_lastNs = now;
        });
        m_clock.start();
        m_probe.start();
    }
    [[nodiscard]] Percentiles first() const { return percentiles(m_first); } // ms between chances to answer
    [[nodiscard]] Percentiles rest() const { return percentiles(m_rest); }

private:
    QElapsedTimer m_clock;
    QTimer m_probe;
    qint64 m_splitNs;
    qint64 m_lastNs = 0;
    std::vector<double> m_first, m_rest;
};

// Counts the paint events a widget gets: proof that a frame painted, not just asked to.
class PaintCounter : public QObject {
public:
    using QObject::QObject;
    [[nodiscard]] long paints() const { return m_paints; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++m_paints;
        return QObject::eventFilter(watched, event);
    }

private:
    long m_paints = 0;
};

[[nodiscard]] double peakRssMb(); // VmHWM of this process

struct PanZoomOptions {
    std::size_t spans = 1'000'000;
    int steps = 200;
};
// Part 2: a recording of `spans` spans in a 1400×600 timeline, zoomed and panned; each frame's ms.
[[nodiscard]] std::vector<double> panZoomFrames(const PanZoomOptions& options, std::size_t* spansMade);

} // namespace forkscope::bench
