#include "model/live/procsampler.h"

#include "model/recording/recording.h"

#include <QFile>

#include <unistd.h>

namespace {

QByteArray readSmall(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(4096) : QByteArray();
}

} // namespace

std::optional<qint64> ProcSampler::cpuTicks(const QByteArray& stat)
{
    // The name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
    const qsizetype paren = stat.lastIndexOf(')');
    if (paren < 0)
        return std::nullopt;
    const QList<QByteArray> fields = stat.mid(paren + 2).split(' '); // fields[0] is field 3, the state
    if (fields.size() < 13)
        return std::nullopt;
    bool okUser = false, okSystem = false;
    const qint64 user = fields[11].toLongLong(&okUser), system = fields[12].toLongLong(&okSystem);
    return okUser && okSystem ? std::optional<qint64>(user + system) : std::nullopt;
}

std::optional<char> ProcSampler::runState(const QByteArray& stat)
{
    const qsizetype paren = stat.lastIndexOf(')');
    if (paren < 0 || paren + 2 >= stat.size())
        return std::nullopt;
    return stat.at(paren + 2);
}

std::optional<qint64> ProcSampler::residentPages(const QByteArray& statm)
{
    const QList<QByteArray> fields = statm.trimmed().split(' ');
    bool ok = false;
    const qint64 pages = fields.size() >= 2 ? fields[1].toLongLong(&ok) : 0;
    return ok ? std::optional<qint64>(pages) : std::nullopt;
}

QVector<ProcessUsage> ProcSampler::sample(const Recording& run, qint64 nowNs)
{
    static const double ticksPerSecond = static_cast<double>(::sysconf(_SC_CLK_TCK));
    static const qint64 pageBytes = ::sysconf(_SC_PAGESIZE);
    QVector<ProcessUsage> out;
    for (int lane = 0; lane < static_cast<int>(run.lanes().size()); ++lane) {
        if (run.stateOf(lane) != ProcessState::Running)
            continue;
        const qint64 pid = run.lanes()[static_cast<std::size_t>(lane)].pid;
        const QByteArray stat = readSmall(QStringLiteral("/proc/%1/stat").arg(pid));
        const auto ticks = cpuTicks(stat);
        const auto pages = residentPages(readSmall(QStringLiteral("/proc/%1/statm").arg(pid)));
        if (!ticks || !pages)
            continue; // gone between the table and here
        double cpu = -1;
        if (const auto last = m_last.find(pid); last != m_last.end() && nowNs > last->second.ns)
            cpu = 100.0 * static_cast<double>(*ticks - last->second.ticks) / ticksPerSecond /
                  (static_cast<double>(nowNs - last->second.ns) / 1e9);
        m_last[pid] = Last{*ticks, nowNs};
        out.append({pid, cpu < 0 ? -1.0 : std::max(0.0, cpu), *pages * pageBytes, runState(stat) == 'T'});
    }
    return out;
}
