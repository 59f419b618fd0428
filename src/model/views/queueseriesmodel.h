#pragma once

// QueueSeriesModel: each queue's depth over time, from a recording's put and get events — one
// row per queue (its id, capacity, deepest point) and, for a chart of a given width, its series
// decimated by stepSeries() so that no peak is lost.

#include "model/recording/recording.h"
#include "model/recording/recordingview.h"

#include <QAbstractListModel>
#include <QPointF>

#include <vector>

class QueueSeriesModel : public QAbstractListModel, public RecordingView {
    Q_OBJECT

public:
    enum Roles { QueueIdRole = Qt::UserRole, CapacityRole, MaxDepthRole };

    using QAbstractListModel::QAbstractListModel;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;

    // Depth against time in seconds since the run started, as steps, for the window
    // [fromNs, toNs]: at most four points per pixel column, its lowest and highest included.
    [[nodiscard]] std::vector<QPointF> series(int row, qint64 fromNs, qint64 toNs, int columns) const;
    [[nodiscard]] qint64 durationNs() const { return recording() ? recording()->durationNs() : 0; }

private:
    void reset() override;
    void takeIn(const Recording& run) override;
    struct Queue {
        quint32 id = 0;
        std::vector<std::pair<qint64, qint32>> points; // time ns, depth after the put or get
    };
    std::vector<Queue> m_queues;
    std::size_t m_taken = 0; // events read so far
};
