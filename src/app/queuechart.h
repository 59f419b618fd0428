#pragma once

#include <QChartView>

class FramePacer;
class QueueSeriesModel;

// Queue depth over time, one line per queue with its capacity dashed in the same colour: a view
// of QueueSeriesModel, redrawn at most five times a second from decimated series.
class QueueChart : public QChartView {
    Q_OBJECT

public:
    explicit QueueChart(QWidget* parent = nullptr);
    void setModel(QueueSeriesModel* model);
    [[nodiscard]] QueueSeriesModel* model() const { return m_model; }
    // Rebuilds the series now (the timer does it when the model changes).
    void redraw();

protected:
    // A new palette (Settings > Appearance) or language: the charts' theme and texts again.
    void changeEvent(QEvent* event) override;

private:
    QueueSeriesModel* m_model = nullptr;
    FramePacer* m_frame;
};
