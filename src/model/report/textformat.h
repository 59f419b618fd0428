#pragma once

// How a run's numbers read, in the window and in the CLI alike: times, sizes, rates, how a
// process ended. One home, so that both front ends say the same thing the same way.

#include <QCoreApplication>
#include <QString>

#include <optional>

class Recording;

class TextFormat {
    Q_DECLARE_TR_FUNCTIONS(TextFormat)

public:
    // "0.604": the number only, for sentences that carry their own unit ("%1 s of %2 s").
    [[nodiscard]] static QString seconds(qint64 ns, int decimals = 3);
    // "0.604 s", the unit translated: table columns, the output log, the wall time.
    [[nodiscard]] static QString secondsWithUnit(qint64 ns);
    // 850 ns, 12.3 µs, 4.56 ms, 1.234 s: the unit that keeps the number short (SI symbols, not
    // translated), for statistics and tooltips.
    [[nodiscard]] static QString duration(qint64 ns);
    // "3.0 MiB"
    [[nodiscard]] static QString mebibytes(qint64 bytes);
    // "12.5 %"
    [[nodiscard]] static QString percent(double value);
    // Events per second over `ns`; 0 before any time has passed.
    [[nodiscard]] static double perSecond(quint64 count, qint64 ns);
    // "75.0": a rate per second, one decimal.
    [[nodiscard]] static QString rate(double perSecond);

    // The exit code column: "0", "SIGKILL (-9)"; empty while the process runs.
    [[nodiscard]] static QString exitCode(std::optional<int> exitCode);
    // "exit code 0", "killed by SIGKILL (-9)": how a process ended, after its name.
    [[nodiscard]] static QString exitDescription(int exitCode);
    // "SIGKILL", or "signal 42" for one without a name.
    [[nodiscard]] static QString signalName(int signal);
    // "blocked on put": a worker state (core::WorkerState) as every view names it.
    [[nodiscard]] static QString workerState(quint8 state);
    // A queue as every view names it: its name in the program ("pool results"), or "queue 3".
    [[nodiscard]] static QString queueName(const Recording& run, quint32 queue);
};
