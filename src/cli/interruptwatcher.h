#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT and SIGTERM into a Qt signal through a self-pipe: the handler only write()s, which
// is async-signal-safe; the event loop does the rest.
class InterruptWatcher : public QObject {
    Q_OBJECT

public:
    explicit InterruptWatcher(QObject* parent = nullptr);
    ~InterruptWatcher() override;

signals:
    void interrupted(int count); // 1 for the first Ctrl-C, 2 for the second, …

private:
    void drain();

    QSocketNotifier* m_notifier = nullptr;
    int m_count = 0;
};
