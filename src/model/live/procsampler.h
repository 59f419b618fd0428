#pragma once

// ProcSampler: CPU % and resident memory of a run's processes, read from /proc like htop. CPU is
// the growth of utime + stime between two samples over the wall time between them, so 100 % is
// one CPU kept busy; the first sample of a process has memory but no CPU yet.

#include <QByteArray>
#include <QVector>

#include <optional>
#include <unordered_map>

class Recording;

// One process as /proc showed it at one sample.
struct ProcessUsage {
    qint64 pid = 0;
    double cpuPercent = -1; // -1: not known yet (its first sample)
    qint64 rssBytes = -1;
    bool stopped = false; // by SIGSTOP (state T), from ForkScope or anywhere else
};

class ProcSampler {
public:
    // Samples the processes of `run` still running; `nowNs` is CLOCK_MONOTONIC.
    [[nodiscard]] QVector<ProcessUsage> sample(const Recording& run, qint64 nowNs);
    void clear() { m_last.clear(); }

    // utime + stime in clock ticks, from the text of /proc/<pid>/stat (fields 14 and 15).
    [[nodiscard]] static std::optional<qint64> cpuTicks(const QByteArray& stat);
    // The state letter (field 3): 'R', 'S', 'T' when stopped by a signal, …
    [[nodiscard]] static std::optional<char> runState(const QByteArray& stat);
    // Resident pages, from the text of /proc/<pid>/statm (its second field).
    [[nodiscard]] static std::optional<qint64> residentPages(const QByteArray& statm);

private:
    struct Last {
        qint64 ticks;
        qint64 ns;
    };
    std::unordered_map<qint64, Last> m_last;
};
