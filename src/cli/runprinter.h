#pragma once

#include "model/runcontroller.h"

#include <QObject>
#include <QTextStream>

#include <functional>

// Prints a run as it happens, one line per process event with its PID, then a summary.
class RunPrinter : public QObject {
    Q_OBJECT

public:
    RunPrinter(RunController* controller, QTextStream& out, QObject* parent = nullptr);
    // Called before each line is printed (to wipe a progress bar off the terminal).
    void setBeforePrint(std::function<void()> beforePrint) { m_beforePrint = std::move(beforePrint); }

private:
    void printEvent(qint64 tNs, const QString& what, const QString& name, qint64 pid, const QString& detail);
    void printSummary(const RunSummary& summary);

    RunController* m_controller;
    QTextStream& m_out;
    std::function<void()> m_beforePrint;
};
