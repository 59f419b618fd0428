#pragma once

// A level that changes by steps (a queue's depth, a lock's waiters) as points for a chart of a
// given width: at most four points per pixel column — the level before, the column's lowest and
// highest, the level after — so a million changes stay a few hundred points and no peak is lost.

#include <QPointF>
#include <QtGlobal>

#include <span>
#include <utility>
#include <vector>

// `steps`: (time ns, level from then on), in time order. Returns level against seconds since the
// run started for the window [fromNs, toNs], reaching to `endNs` (the run so far) when earlier.
[[nodiscard]] std::vector<QPointF> stepSeries(std::span<const std::pair<qint64, qint32>> steps, qint64 fromNs,
                                              qint64 toNs, int columns, qint64 endNs);
