#include "model/views/stepseries.h"

#include <algorithm>
#include <iterator>

std::vector<QPointF> stepSeries(std::span<const std::pair<qint64, qint32>> steps, qint64 fromNs, qint64 toNs,
                                int columns, qint64 endNs)
{
    std::vector<QPointF> out;
    if (toNs <= fromNs || columns < 1)
        return out;
    const double width = static_cast<double>(toNs - fromNs) / columns;
    // Computed the same way for every step, so a column's steps are exactly those that map to it
    // (comparing with a rounded column end could leave a step in no column, and loop forever).
    auto columnOf = [&](qint64 ns) {
        return std::min<qint64>(columns - 1, static_cast<qint64>(static_cast<double>(ns - fromNs) / width));
    };
    auto seconds = [](qint64 ns) { return static_cast<double>(ns) / 1e9; };
    auto first =
        std::lower_bound(steps.begin(), steps.end(), fromNs, [](const auto& p, qint64 t) { return p.first < t; });
    qint32 level = first == steps.begin() ? 0 : std::prev(first)->second; // what it was when the window opens
    out.emplace_back(seconds(fromNs), level);
    for (auto it = first; it != steps.end() && it->first <= toNs;) {
        // One pixel column: its lowest and highest level, then where it ends.
        const qint64 column = columnOf(it->first);
        qint32 low = it->second, high = it->second;
        const qint64 at = it->first;
        for (; it != steps.end() && it->first <= toNs && columnOf(it->first) == column; ++it) {
            low = std::min(low, it->second);
            high = std::max(high, it->second);
            level = it->second;
        }
        out.emplace_back(seconds(at), out.back().y()); // a step: the old level up to the change
        if (low != high) {
            out.emplace_back(seconds(at), low);
            out.emplace_back(seconds(at), high);
        }
        out.emplace_back(seconds(at), level);
    }
    out.emplace_back(seconds(std::min(toNs, std::max(fromNs, endNs))), level);
    return out;
}
