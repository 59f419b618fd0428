#include "model/report/runsummary.h"

#include "model/recording/recording.h"
#include "model/report/textformat.h"

#include <algorithm>

using forkscope::protocol::Outcome;

RunSummary RunSummary::fromRecording(const Recording& run, Outcome outcome, qint64 wallNs, const QString& message)
{
    RunSummary s;
    s.outcome = outcome;
    s.message = message;
    s.wallNs = wallNs;
    for (int i = 0; i < static_cast<int>(run.lanes().size()); ++i) {
        if (i == Recording::kMainLane)
            continue;
        const Lane& lane = run.lanes()[static_cast<std::size_t>(i)];
        ++s.workers;
        if (lane.exitCode) {
            if (*lane.exitCode == 0)
                ++s.exitedZero;
            else if (*lane.exitCode > 0)
                ++s.exitedNonZero;
            else {
                ++s.endedBySignal;
                ++s.bySignal[-*lane.exitCode];
            }
        }
        if (const qint64 end = run.endOf(i); end >= 0) {
            const qint64 lifetime = end - std::max<qint64>(0, lane.startNs);
            s.sumLifetimeNs += lifetime;
            s.maxLifetimeNs = std::max(s.maxLifetimeNs, lifetime);
        }
    }
    return s;
}

QString RunSummary::outcomeText(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Completed: return tr("completed");
    case Outcome::Stopped: return tr("stopped");
    case Outcome::Failed: return tr("failed");
    case Outcome::Killed: return tr("killed");
    }
    return {};
}

QString RunSummary::workersText() const
{
    QStringList parts;
    if (exitedZero)
        parts << tr("%n exited with code 0", nullptr, exitedZero);
    if (exitedNonZero)
        parts << tr("%n exited with an error code", nullptr, exitedNonZero);
    for (const auto& [signal, count] : bySignal) // which signal says who did it: SIGKILL, SIGTERM, SIGSEGV…
        parts << tr("%n killed by %1", nullptr, count).arg(TextFormat::signalName(signal));
    const QString count = tr("%n worker(s)", nullptr, workers);
    return parts.isEmpty() ? count : tr("%1: %2").arg(count, parts.join(tr(", ")));
}

QString RunSummary::oneLine() const
{
    return tr("%1 in %2 s (sum of worker lifetimes %3 s, longest %4 s)")
        .arg(outcomeText(outcome), TextFormat::seconds(wallNs), TextFormat::seconds(sumLifetimeNs),
             TextFormat::seconds(maxLifetimeNs));
}
