#include "app/chartaxes.h"

#include <QAreaSeries>
#include <QChart>
#include <QFontMetricsF>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

void ChartAxes::clear(QChart* chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis); // gives it back: without the delete, each frame would leak its axes
        delete axis;
    }
}

ChartAxes::LogScale ChartAxes::fitLogScale(double from, double to, double width, const QFontMetricsF& metrics)
{
    // A log axis labels every power of its base, evenly spaced: the smallest base whose labels
    // all fit side by side, a space apart. Powers of two only while they are few (to / from up
    // to 512): past that the labels turn into long numbers.
    const double space = metrics.horizontalAdvance(QLatin1Char('0')) * 1.5;
    LogScale scale;
    for (const double base : {2.0, 10.0, 100.0, 1e3, 1e4, 1e6, 1e9, 1e12}) {
        if (base == 2 && to / from > 512)
            continue;
        const double lo = std::floor(std::log(from) / std::log(base) + 1e-9);
        const double hi = std::max(lo + 1, std::ceil(std::log(to) / std::log(base) - 1e-9));
        double widest = 0, last = 0;
        for (double k = lo; k <= hi; ++k) {
            last = metrics.horizontalAdvance(QString::asprintf(kLogLabelFormat, std::pow(base, k)));
            widest = std::max(widest, last);
        }
        scale = {base, std::pow(base, lo), std::pow(base, hi), widest, last};
        if (width / (hi - lo) >= widest + space)
            break;
    }
    return scale;
}

QValueAxis* ChartAxes::addTimeAxis(QChart* chart, qint64 endNs)
{
    // A round step (1, 2 or 5 times a power of ten) for about five ticks, and the axis ends at the
    // first tick past the end: applyNiceNumbers() may leave a third of the plot empty.
    const double seconds = static_cast<double>(std::max<qint64>(endNs, 1)) / 1e9;
    const double magnitude = std::pow(10, std::floor(std::log10(seconds / 5)));
    const double ratio = seconds / 5 / magnitude;
    const double step = magnitude * (ratio < 1.5 ? 1 : ratio < 3.5 ? 2 : ratio < 7.5 ? 5 : 10);
    auto* x = new QValueAxis(chart);
    x->setTitleText(tr("seconds since the run started"));
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(0);
    x->setTickInterval(step);
    x->setRange(0, std::ceil(seconds / step - 1e-9) * step);
    x->setLabelFormat(QStringLiteral("%.%1f").arg(std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)))));
    chart->addAxis(x, Qt::AlignBottom);
    return x;
}

QValueAxis* ChartAxes::addCountAxis(QChart* chart, const QString& title)
{
    auto* y = new QValueAxis(chart);
    y->setTitleText(title);
    y->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(y, Qt::AlignLeft);
    return y;
}

void ChartAxes::fitCounts(QValueAxis* axis, qint64 top)
{
    top = std::max<qint64>(top, 1);
    // The least of 1, 2, 5, 10, 20… that needs at most five steps to pass `top`.
    qint64 magnitude = 1;
    while (magnitude * 25 < top)
        magnitude *= 10;
    const qint64 step = top <= magnitude * 5 ? magnitude : top <= magnitude * 10 ? 2 * magnitude : 5 * magnitude;
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0);
    axis->setTickInterval(static_cast<double>(step));
    axis->setRange(0, static_cast<double>((top / step + 1) * step));
}

bool ChartAxes::addDistributions(QChart* chart, const std::vector<Distribution>& distributions, const QString& what,
                                 const QString& countTitle)
{
    qint64 low = std::numeric_limits<qint64>::max(), high = 0;
    quint64 top = 0;
    for (const Distribution& d : distributions) {
        for (const LogHistogram::Bin& bin : d.bins) {
            low = std::min(low, std::max<qint64>(bin.lower, 1)); // a log scale starts above 0
            high = std::max<qint64>(high, bin.upper);
            top = std::max<quint64>(top, bin.count);
        }
    }
    if (high == 0)
        return false;
    // The largest unit the longest duration reaches: its labels stay short numbers.
    struct Unit {
        double ns;
        QString name;
    };
    const Unit units[] = {{1e9, tr("s")}, {1e6, tr("ms")}, {1e3, tr("µs")}, {1, tr("ns")}};
    const Unit unit =
        *std::find_if(std::begin(units), std::end(units), [&](const Unit& u) { return high >= u.ns || u.ns == 1; });
    const double from = static_cast<double>(low) / unit.ns, to = static_cast<double>(high) / unit.ns;
    auto* x = new QLogValueAxis(chart);
    x->setLabelFormat(QString::fromLatin1(kLogLabelFormat));
    x->setTitleText(tr("%1 (%2, log scale)").arg(what, unit.name));
    // The plot's width at the last layout; before the first, the chart's less its usual insets.
    double width = chart->plotArea().width();
    if (width < 1)
        width = chart->size().width() > 100 ? chart->size().width() - 80 : 300;
    const LogScale scale = fitLogScale(from, to, width, QFontMetricsF(x->labelsFont()));
    x->setBase(scale.base);
    x->setRange(scale.from, scale.to);
    x->setMinorTickCount(scale.base == 10 ? 8 : 0);
    // Labels sit centred on their ticks: the last one needs half its width right of the plot, or
    // Qt Charts elides it ("10…" for 1024).
    QMargins margins = chart->margins();
    margins.setRight(std::max(margins.right(), static_cast<int>(std::ceil(scale.lastLabelWidth / 2)) + 4));
    chart->setMargins(margins);
    chart->addAxis(x, Qt::AlignBottom);
    QValueAxis* y = addCountAxis(chart, countTitle);
    fitCounts(y, static_cast<qint64>(top));
    for (const Distribution& d : distributions) {
        if (d.bins.empty())
            continue;
        // The outline of the bars: up and down at each bin's edges, down to 0 at both ends.
        auto* area = new QAreaSeries(chart);
        auto* outline = new QLineSeries(area); // goes with the area when the chart removes it
        outline->append(static_cast<double>(std::max<qint64>(d.bins.front().lower, 1)) / unit.ns, 0);
        for (const LogHistogram::Bin& bin : d.bins) {
            const auto count = static_cast<double>(bin.count);
            outline->append(static_cast<double>(std::max<qint64>(bin.lower, 1)) / unit.ns, count);
            outline->append(static_cast<double>(bin.upper) / unit.ns, count);
        }
        outline->append(static_cast<double>(d.bins.back().upper) / unit.ns, 0);
        area->setUpperSeries(outline);
        area->setName(d.name);
        chart->addSeries(area);
        QColor fill = area->color();
        fill.setAlphaF(0.45f);
        area->setBrush(fill);
        area->setPen(QPen(area->color().darker(130), 1));
        area->attachAxis(x);
        area->attachAxis(y);
    }
    return true;
}
