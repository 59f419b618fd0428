#pragma once

#include "model/live/runcontroller.h"

#include <QObject>
#include <QTextStream>

class QTimer;

// A progress line on stderr for runs longer than a second: a bar when the scenario reports
// progress (done of total), else the elapsed time and events recorded. Redrawn in place five
// times a second; clear() wipes it before other output is printed.
class ProgressBar : public QObject {
    Q_OBJECT

public:
    ProgressBar(RunController* controller, QTextStream& err, QObject* parent = nullptr);
    void clear();

private:
    void draw();

    RunController* m_controller;
    QTextStream& m_err;
    QTimer* m_timer;
    int m_shownWidth = 0;
};
