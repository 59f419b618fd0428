#pragma once

#include <QWidget>

class LockSeriesModel;
class FramePacer;
class QChart;
class QChartView;
class QComboBox;
class QLabel;

// The run's locks, a view of LockSeriesModel: how many processes wait for each lock over time
// (one line per lock), below it how long one lock's acquisitions waited and how long they held
// it (log scale), and who holds each lock now. Redrawn at most five times a second.
class LockChart : public QWidget {
    Q_OBJECT

public:
    explicit LockChart(QWidget* parent = nullptr);
    void setModel(LockSeriesModel* model);
    [[nodiscard]] LockSeriesModel* model() const { return m_model; }
    // Rebuilds the charts now (the timer does it when the model changes).
    void redraw();

    [[nodiscard]] QChart* waitersChart() const;
    [[nodiscard]] QChart* timesChart() const;
    // The row of the lock whose wait and hold times are shown, or -1.
    [[nodiscard]] int shownLock() const;
    void setShownLock(int row);
    // "Lock 2: held by PID 1234 · Lock 5: free"
    [[nodiscard]] QString holdersText() const;

protected:
    // A new palette (Settings > Appearance) or language: the charts' theme and texts again.
    void changeEvent(QEvent* event) override;

private:
    void drawWaiters();
    void drawTimes();

    LockSeriesModel* m_model = nullptr;
    QChartView* m_waiters;
    QChartView* m_times;
    QComboBox* m_lock;
    QLabel* m_holders;
    FramePacer* m_frame;
};
