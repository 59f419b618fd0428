#pragma once

#include <QWidget>

class FramePacer;
class QChart;
class QChartView;
class QLabel;
class TaskStatsModel;

// The run's tasks, a view of TaskStatsModel: how many finished per second over the run, how long
// they took (a histogram on a log scale), and a line of summary. Redrawn at most five times a
// second.
class TaskChart : public QWidget {
    Q_OBJECT

public:
    explicit TaskChart(QWidget* parent = nullptr);
    void setModel(TaskStatsModel* model);
    [[nodiscard]] TaskStatsModel* model() const { return m_model; }
    // Rebuilds the charts now (the timer does it when the model changes).
    void redraw();

    [[nodiscard]] QChart* throughputChart() const;
    [[nodiscard]] QChart* durationsChart() const;
    [[nodiscard]] QString summaryText() const;

protected:
    // A new palette (Settings > Appearance) or language: the charts' theme and texts again.
    void changeEvent(QEvent* event) override;

private:
    void drawThroughput();
    void drawDurations();

    TaskStatsModel* m_model = nullptr;
    QChartView* m_throughput;
    QChartView* m_durations;
    QLabel* m_summary;
    FramePacer* m_frame;
};
