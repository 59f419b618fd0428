#pragma once

#include <QElapsedTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QToolButton;
class RunController;

// The replay scrubber of a finished or opened run: drag the slider (or use the arrow keys) to
// show every view as the run was at that moment, or press Play (F6) to watch it again at the
// chosen speed. At the right end the whole run is shown again.
class ReplayBar : public QWidget {
    Q_OBJECT

public:
    static constexpr int kSteps = 1000; // slider positions over the run

    explicit ReplayBar(QWidget* parent = nullptr);
    void setController(RunController* controller);

    [[nodiscard]] QSlider* slider() const { return m_slider; }
    [[nodiscard]] QToolButton* playButton() const { return m_play; }
    [[nodiscard]] bool isPlaying() const;
    void play();
    void pause();

protected:
    void changeEvent(QEvent* event) override;

private:
    void scrubTo(int step);
    void tick();
    void setPlaying(bool playing); // holds the frame clock while it plays
    void sync(); // slider, label and buttons from the controller
    void retranslate();
    [[nodiscard]] double speed() const;

    RunController* m_controller = nullptr;
    QToolButton* m_play;
    QSlider* m_slider;
    QLabel* m_time;
    QComboBox* m_speed;
    QElapsedTimer m_clock;
    qint64 m_playedFromNs = 0; // the replayed time when Play was pressed
    bool m_syncing = false;
    bool m_playing = false;
};
