#include "model/report/textformat.h"

#include "model/recording/recording.h"

#include "core/errors.h"

QString TextFormat::seconds(qint64 ns, int decimals)
{
    return QString::number(static_cast<double>(ns) / 1e9, 'f', decimals);
}

QString TextFormat::secondsWithUnit(qint64 ns)
{
    return tr("%1 s").arg(seconds(ns));
}

QString TextFormat::duration(qint64 ns)
{
    if (ns < 1000)
        return QStringLiteral("%1 ns").arg(ns);
    if (ns < 1'000'000)
        return QStringLiteral("%1 µs").arg(double(ns) / 1e3, 0, 'f', 1);
    if (ns < 1'000'000'000)
        return QStringLiteral("%1 ms").arg(double(ns) / 1e6, 0, 'f', 2);
    return QStringLiteral("%1 s").arg(seconds(ns));
}

QString TextFormat::mebibytes(qint64 bytes)
{
    return QStringLiteral("%1 MiB").arg(double(bytes) / (1 << 20), 0, 'f', 1);
}

QString TextFormat::percent(double value)
{
    return QStringLiteral("%1 %").arg(value, 0, 'f', 1);
}

QString TextFormat::workerState(quint8 state)
{
    using forkscope::core::WorkerState;
    switch (static_cast<WorkerState>(state)) {
    case WorkerState::Running: return tr("running");
    case WorkerState::Sleeping: return tr("sleeping");
    case WorkerState::BlockedOnPut: return tr("blocked on put");
    case WorkerState::BlockedOnGet: return tr("blocked on get");
    case WorkerState::WaitingForLock: return tr("waiting for a lock");
    case WorkerState::HoldingLock: return tr("holding a lock");
    case WorkerState::Done: return tr("done");
    }
    return {};
}

double TextFormat::perSecond(quint64 count, qint64 ns)
{
    return ns > 0 ? static_cast<double>(count) / (static_cast<double>(ns) / 1e9) : 0.0;
}

QString TextFormat::rate(double perSecond)
{
    return QString::number(perSecond, 'f', 1);
}

QString TextFormat::signalName(int signal)
{
    return QString::fromStdString(forkscope::core::signal_name(signal));
}

QString TextFormat::exitCode(std::optional<int> exitCode)
{
    if (!exitCode)
        return {};
    if (*exitCode >= 0)
        return QString::number(*exitCode);
    return tr("%1 (%2)").arg(signalName(-*exitCode)).arg(*exitCode);
}

QString TextFormat::exitDescription(int exitCode)
{
    return exitCode >= 0 ? tr("exit code %1").arg(exitCode) : tr("killed by %1").arg(TextFormat::exitCode(exitCode));
}

QString TextFormat::queueName(const Recording& run, quint32 queue)
{
    const QString name = run.nameOf(queue);
    return name.isEmpty() ? tr("queue %1").arg(queue) : name;
}
