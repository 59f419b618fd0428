#pragma once

#include "model/recording/recordingview.h"

#include <QObject>
#include <QString>

#include <vector>

class QComboBox;
class QPlainTextEdit;

// The output pane, a view of a run's recording: every line its processes printed and every
// signal ForkScope sent them, with time and PID, for all processes or the one picked in the
// filter box, and ForkScope's own messages. Shows the last 50 000 lines.
class OutputLog : public QObject, public RecordingView {
    Q_OBJECT

public:
    OutputLog(QPlainTextEdit* view, QComboBox* filter, QObject* parent = nullptr);

    // ForkScope's own messages, shown whatever the filter, after what the recording holds now.
    void appendNote(const QString& text);
    void retranslate();
    [[nodiscard]] qint64 filterPid() const; // 0: every process

private:
    void reset() override;
    void takeIn(const Recording& run) override;
    // What the recording holds, in time order and filtered, from scratch.
    void refill();
    [[nodiscard]] bool shown(qint64 pid) const;
    [[nodiscard]] static QString signalText(int signal);
    [[nodiscard]] QString lineText(const Recording& run, qint64 tNs, qint64 pid, const QString& text) const;

    static constexpr std::size_t kMaxLines = 50'000;
    QPlainTextEdit* m_view;
    QComboBox* m_filter;
    std::vector<bool> m_named; // per lane: in the filter box
    std::size_t m_logTaken = 0;
    std::vector<std::size_t> m_signalsTaken; // per lane
    struct Note {
        qint64 timeNs; // where it falls among the lines: the recording's end when it was made
        QString text;
    };
    std::vector<Note> m_notes;
};
