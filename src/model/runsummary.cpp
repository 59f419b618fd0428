#include "model/runsummary.h"

#include "model/textformat.h"

#include <algorithm>

using forkscope::protocol::Outcome;

RunSummary RunSummary::fromRows(const QVector<ProcessRow>& rows, Outcome outcome, qint64 wallNs, const QString& message)
{
    RunSummary s;
    s.outcome = outcome;
    s.message = message;
    s.wallNs = wallNs;
    for (const ProcessRow& row : rows) {
        if (row.isMain)
            continue;
        ++s.workers;
        if (row.exitCode) {
            if (*row.exitCode == 0)
                ++s.exitedZero;
            else if (*row.exitCode > 0)
                ++s.exitedNonZero;
            else {
                ++s.endedBySignal;
                ++s.bySignal[-*row.exitCode];
            }
        }
        if (const auto lifetime = row.lifetimeNs()) {
            s.sumLifetimeNs += *lifetime;
            s.maxLifetimeNs = std::max(s.maxLifetimeNs, *lifetime);
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
