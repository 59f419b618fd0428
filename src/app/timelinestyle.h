#pragma once

// How the timeline draws and names what it shows: the colour of each state and span, and the
// words of its tooltips (translated in the TimelineView context).

#include "model/views/timelinemodel.h"

#include <QColor>
#include <QString>

namespace TimelineStyle {
[[nodiscard]] QColor stateColor(quint8 state); // core::WorkerState
[[nodiscard]] QColor spanColor(const TimelineModel::Block& b);
// "task 17\n1.2 ms → 3.4 ms (2.2 ms)" for a tooltip.
[[nodiscard]] QString describe(const TimelineModel::Block& b, const Recording& run);
} // namespace TimelineStyle
