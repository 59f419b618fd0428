#pragma once

#include "model/live/runcontroller.h"
#include "model/recording/recordingview.h"

#include <QObject>
#include <QTextStream>

#include <functional>
#include <vector>

// Prints a run as it happens, one line per process event with its PID, then a summary. A view of
// the run's recording like the window's: each time it changes, it prints what it gained.
class RunPrinter : public QObject, public RecordingView {
    Q_OBJECT

public:
    RunPrinter(RunController* controller, QTextStream& out, QObject* parent = nullptr);
    // Called before each line is printed (to wipe a progress bar off the terminal).
    void setBeforePrint(std::function<void()> beforePrint) { m_beforePrint = std::move(beforePrint); }

private:
    void reset() override;
    void takeIn(const Recording& run) override;
    void printEvent(qint64 tNs, const QString& what, const QString& name, qint64 pid, const QString& detail);
    void printSummary(const RunSummary& summary);

    RunController* m_controller;
    QTextStream& m_out;
    std::function<void()> m_beforePrint;
    // How far each kind of news has been printed.
    std::size_t m_logTaken = 0;
    struct Printed {
        bool started = false;
        bool exited = false;
        bool joined = false;
    };
    std::vector<Printed> m_printed; // per lane
};
