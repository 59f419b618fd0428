#pragma once

// ProcSampler: CPU % and resident memory of a run's processes, read from /proc like htop. CPU is
// the growth of utime + stime between two samples over the wall time between them, so 100 % is
// one CPU kept busy; the first sample of a process has memory but no CPU yet.

#include "model/processtablemodel.h"

#include <QByteArray>

#include <optional>
#include <unordered_map>

class ProcSampler {
public:
    // Samples the rows still running; `nowNs` is CLOCK_MONOTONIC.
    [[nodiscard]] QVector<ProcessTableModel::Usage> sample(const QVector<ProcessRow>& rows, qint64 nowNs);
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
