#pragma once

#include "scenarios/runner/protocol.h"

#include <QCoreApplication>

#include <map>

class Recording;

// What a finished run amounts to, derived from its recording's processes: the numbers behind the seeds'
// "Example 1 vs Example 2" comparison (wall time against the sum and the longest of the work).
struct RunSummary {
    Q_DECLARE_TR_FUNCTIONS(RunSummary)

public:
    forkscope::protocol::Outcome outcome = forkscope::protocol::Outcome::Completed;
    QString message;
    qint64 wallNs = 0;
    int workers = 0;
    int exitedZero = 0;
    int exitedNonZero = 0;
    int endedBySignal = 0;
    std::map<int, int> bySignal; // signal number → workers it ended
    qint64 sumLifetimeNs = 0; // of the workers
    qint64 maxLifetimeNs = 0;

    [[nodiscard]] static RunSummary fromRecording(const Recording& run, forkscope::protocol::Outcome outcome,
                                                  qint64 wallNs, const QString& message);
    [[nodiscard]] static QString outcomeText(forkscope::protocol::Outcome outcome);
    // "4 workers: 2 exited with code 0, 1 killed by SIGKILL, 1 killed by SIGTERM"
    [[nodiscard]] QString workersText() const;
    // "completed in 0.512 s (sum of worker lifetimes 2.004 s, longest 0.501 s)"
    [[nodiscard]] QString oneLine() const;
};
