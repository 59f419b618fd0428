#pragma once

// ChartAxes: what the run's charts share, so that they read alike — time in seconds since the
// run started along the bottom, whole counts up the side, and distributions of durations as
// stepped areas over a log scale in the unit that suits them (ns, µs, ms or s).

#include "model/recording/loghistogram.h"

#include <QCoreApplication>
#include <QString>

#include <vector>

class QChart;
class QFontMetricsF;
class QValueAxis;

class ChartAxes {
    Q_DECLARE_TR_FUNCTIONS(ChartAxes)

public:
    struct Distribution {
        QString name;
        std::vector<LogHistogram::Bin> bins; // ns
    };

    // Removes every series and axis: a chart is rebuilt whole at each frame.
    static void clear(QChart* chart);
    // Seconds since the run started, 0 to `endNs`, at the bottom.
    static QValueAxis* addTimeAxis(QChart* chart, qint64 endNs);
    // Counts of `title`, at the left; fitCounts() sets their range.
    static QValueAxis* addCountAxis(QChart* chart, const QString& title);
    // Whole numbers: ticks at a whole step, the top a step above `top`.
    static void fitCounts(QValueAxis* axis, qint64 top);
    // Each distribution as a stepped area: x its durations on a log scale titled `what` (with the
    // unit), y how many `countTitle` took that long. False when there is nothing to draw.
    static bool addDistributions(QChart* chart, const std::vector<Distribution>& distributions, const QString& what,
                                 const QString& countTitle);

    // A log scale over `from`..`to` whose labels, in `metrics`, fit `width` pixels without
    // overlapping (see fitLogScale()); the range runs from a power of `base` to a power of it.
    struct LogScale {
        double base = 10;
        double from = 1;
        double to = 10;
        double widestLabel = 0; // px
        double lastLabelWidth = 0;
    };
    static LogScale fitLogScale(double from, double to, double width, const QFontMetricsF& metrics);
    static constexpr const char* kLogLabelFormat = "%g";
};
