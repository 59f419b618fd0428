#pragma once

// The numbers a finished run comes down to, as aligned text tables: telemetry, tasks, each
// queue (throughput, depth, blocked puts and gets), each lock (contention, wait and hold
// p50/p99, dead holders). The CLI prints it after a run and for `show run.json`.

#include "model/recording/recording.h"

#include <QCoreApplication>
#include <QString>

class RecordingReport {
    Q_DECLARE_TR_FUNCTIONS(RecordingReport)

public:
    [[nodiscard]] static QString text(const Recording& recording);
    [[nodiscard]] static QString result(const Recording& recording); // the scenario's, or empty
    // What the views built from events leave out, in a sentence (events dropped by full rings,
    // events counted past the store's limit), and whether the counts are exact all the same;
    // empty when the events are all there.
    [[nodiscard]] static QString eventsMissing(const Recording& recording);
};
