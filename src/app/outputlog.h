#pragma once

#include <QObject>
#include <QString>

#include <deque>

class QComboBox;
class QPlainTextEdit;

// The output pane: every line the run's processes printed, with its time and PID, shown for
// all processes or for the one picked in the filter box. Keeps the last 50 000 lines.
class OutputLog : public QObject {
    Q_OBJECT

public:
    OutputLog(QPlainTextEdit* view, QComboBox* filter, QObject* parent = nullptr);

    void clear(); // a new run: no lines, and the filter back to every process
    void clearLines(); // a replay going back: the lines come again, the filter stays
    void addProcess(qint64 pid, const QString& name);
    void append(qint64 tNs, qint64 pid, const QString& name, const QString& text);
    void appendNote(const QString& text); // ForkScope's own messages, shown whatever the filter
    void retranslate();
    [[nodiscard]] qint64 filterPid() const; // 0: every process

private:
    struct Line {
        qint64 pid; // 0: ForkScope's own
        QString text;
    };
    void refill();
    [[nodiscard]] bool shown(qint64 pid) const;

    static constexpr std::size_t kMaxLines = 50'000;
    QPlainTextEdit* m_view;
    QComboBox* m_filter;
    std::deque<Line> m_lines;
};
