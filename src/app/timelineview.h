#pragma once

#include "model/recording/recording.h"

#include <QWidget>

#include <optional>

class QAction;
class TimelineModel;

// The timeline: one lane per process, states as a pale band, tasks as bars, lock waits and holds
// and queue blocks beneath them, exits marked. Redrawn at most 30 times a second, never per
// event. Mouse wheel zooms about the cursor and dragging pans; W/S zoom, A/D pan (as in
// Perfetto), Home shows the whole run, F follows the live end. Hovering shows exact times.
class TimelineView : public QWidget {
    Q_OBJECT

public:
    explicit TimelineView(QWidget* parent = nullptr);

    void setModel(TimelineModel* model);
    [[nodiscard]] TimelineModel* model() const { return m_model; }
    // The visible window, in ns since the run started.
    [[nodiscard]] qint64 fromNs() const { return m_fromNs; }
    [[nodiscard]] double nsPerPixel() const { return m_nsPerPixel; }
    [[nodiscard]] bool followsLive() const { return m_follow; }
    void setFollowLive(bool follow);
    void zoom(double factor, int aroundX); // factor < 1 zooms in
    void pan(int pixels);
    void showAll();
    void highlightLane(int lane); // -1: none
    // Arrows from each queue item's put to its get (L); the action is in the context menu.
    void setFlowsShown(bool shown);
    [[nodiscard]] QAction* flowsAction() const { return m_flowsAction; }

    [[nodiscard]] QSize sizeHint() const override { return {900, 260}; }
    [[nodiscard]] QSize minimumSizeHint() const override { return {300, 80}; }

signals:
    void followLiveChanged(bool follow);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    [[nodiscard]] int plotLeft() const;
    [[nodiscard]] qint64 timeAt(int x) const;
    [[nodiscard]] int xOf(qint64 ns) const;
    [[nodiscard]] int laneAt(int y) const;
    void onModelChanged();
    void drawAxis(QPainter& p);
    void drawLane(QPainter& p, int lane, int top);
    void drawSignals(QPainter& p, int lane, int top);
    void drawDetailEnd(QPainter& p);
    void drawFlows(QPainter& p);
    void retranslate();
    [[nodiscard]] std::optional<SignalMark> signalAt(int lane, int x) const;
    void clampWindow();
    void fitAll(); // showAll() without asking for a paint

    TimelineModel* m_model = nullptr;
    bool m_dirty = false;
    qint64 m_fromNs = 0;
    double m_nsPerPixel = 1e6; // 1 ms per pixel until there is a run to fit
    bool m_follow = true;
    int m_highlight = -1;
    int m_firstLane = 0; // scrolled by the wheel with Shift
    QAction* m_flowsAction;
    std::optional<QPoint> m_dragFrom;
    qint64 m_dragFromNs = 0;
};
