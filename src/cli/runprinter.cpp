#include "runprinter.h"

#include "model/recordingreport.h"
#include "model/textformat.h"

RunPrinter::RunPrinter(RunController* controller, QTextStream& out, QObject* parent)
    : QObject(parent), m_controller(controller), m_out(out)
{
    connect(controller, &RunController::processStarted, this, [this](const ProcessRow& row) {
        if (row.isMain) {
            m_out << QStringLiteral("run %1: %2, main process pid %3 (parent %4)\n")
                         .arg(m_controller->runId()).arg(m_controller->scenario()).arg(row.pid).arg(row.ppid);
            return;
        }
        printEvent(row.startNs, QStringLiteral("started"), row.name, row.pid,
                   QStringLiteral("ppid %1%2").arg(row.ppid).arg(row.daemon ? QStringLiteral(", daemon") : QString()));
    });
    connect(controller, &RunController::processExited, this, [this](const ProcessRow& row) {
        if (row.isMain)
            return;
        printEvent(*row.endNs, QStringLiteral("exited"), row.name, row.pid, TextFormat::exitDescription(row.exitCode.value_or(0)));
    });
    connect(controller, &RunController::processJoined, this, [this](const ProcessRow& row) {
        printEvent(*row.joinNs, QStringLiteral("joined"), row.name, row.pid, {});
    });
    connect(controller, &RunController::outputLine, this,
            [this](qint64 tNs, qint64 pid, const QString& name, const QString& text) {
                printEvent(tNs, QStringLiteral("output"), name.isEmpty() ? QStringLiteral("MainProcess") : name, pid, text);
            });
    connect(controller, &RunController::finished, this, &RunPrinter::printSummary);
}

void RunPrinter::printEvent(qint64 tNs, const QString& what, const QString& name, qint64 pid, const QString& detail)
{
    const QString line = QStringLiteral("[%1 s] %2 %3 pid %4  %5")
                             .arg(TextFormat::seconds(tNs), 8)
                             .arg(what, -8)
                             .arg(name, -12)
                             .arg(pid, -7)
                             .arg(detail);
    if (m_beforePrint)
        m_beforePrint();
    m_out << QStringView(line).trimmed() << '\n';
    m_out.flush();
}

void RunPrinter::printSummary(const RunSummary& s)
{
    if (m_beforePrint)
        m_beforePrint();
    m_out << QStringLiteral("\nsummary\n");
    m_out << QStringLiteral("  outcome      %1%2\n")
                 .arg(RunSummary::outcomeText(s.outcome), s.message.isEmpty() ? QString() : QStringLiteral(": ") + s.message);
    m_out << QStringLiteral("  wall time    %1 s\n").arg(TextFormat::seconds(s.wallNs));
    m_out << QStringLiteral("  processes    %1\n").arg(s.workersText());
    if (s.workers > 0) {
        m_out << QStringLiteral("  worker time  sum %1 s, longest %2 s; wall time is %3x the sum, %4x the longest\n")
                     .arg(TextFormat::seconds(s.sumLifetimeNs), TextFormat::seconds(s.maxLifetimeNs))
                     .arg(s.sumLifetimeNs > 0 ? static_cast<double>(s.wallNs) / static_cast<double>(s.sumLifetimeNs) : 0.0, 0, 'f', 2)
                     .arg(s.maxLifetimeNs > 0 ? static_cast<double>(s.wallNs) / static_cast<double>(s.maxLifetimeNs) : 0.0, 0, 'f', 2);
    }
    if (const Recording* recording = m_controller->recording())
        m_out << RecordingReport::text(*recording);
    m_out.flush();
}
