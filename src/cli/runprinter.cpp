#include "runprinter.h"

#include "model/report/recordingreport.h"
#include "model/report/textformat.h"

#include <algorithm>

RunPrinter::RunPrinter(RunController* controller, QTextStream& out, QObject* parent)
    : QObject(parent), m_controller(controller), m_out(out)
{
    connect(controller, &RunController::recordingChanged, this, [this] { follow(m_controller->recording()); });
    connect(controller, &RunController::finished, this, &RunPrinter::printSummary);
}

void RunPrinter::reset()
{
    m_logTaken = 0;
    m_printed.clear();
}

void RunPrinter::takeIn(const Recording& run)
{
    // What happened since the last call, in time order (the controller calls once per message,
    // so this is most often one line).
    struct News {
        qint64 tNs;
        QString what;
        int lane;
        QString detail;
        qint64 pid = 0; // when it names no lane
    };
    std::vector<News> news;
    const auto& lanes = run.lanes();
    m_printed.resize(lanes.size());
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        // A lane can come before its process's start message (its telemetry ring is attached
        // first): it starts when it has its name.
        const Lane& lane = lanes[i];
        if (m_printed[i].started || lane.name.isEmpty())
            continue;
        m_printed[i].started = true;
        if (i == Recording::kMainLane) {
            m_out << QStringLiteral("run %1: %2, main process pid %3 (parent %4)\n")
                         .arg(m_controller->runId())
                         .arg(run.scenario())
                         .arg(lane.pid)
                         .arg(lane.ppid);
            continue;
        }
        news.push_back(
            {std::max<qint64>(0, lane.startNs), QStringLiteral("started"), static_cast<int>(i),
             QStringLiteral("ppid %1%2").arg(lane.ppid).arg(lane.daemon ? QStringLiteral(", daemon") : QString())});
    }
    for (std::size_t i = 1; i < lanes.size(); ++i) { // the main process ends with the summary
        const Lane& lane = lanes[i];
        if (!m_printed[i].exited && lane.exitNs >= 0 && lane.exitCode) {
            m_printed[i].exited = true;
            news.push_back({lane.exitNs, QStringLiteral("exited"), static_cast<int>(i),
                            TextFormat::exitDescription(*lane.exitCode)});
        }
        if (!m_printed[i].joined && lane.joinNs >= 0) {
            m_printed[i].joined = true;
            news.push_back({lane.joinNs, QStringLiteral("joined"), static_cast<int>(i), {}});
        }
    }
    for (; m_logTaken < run.log().size(); ++m_logTaken) {
        const LogEntry& entry = run.log()[m_logTaken];
        news.push_back({entry.timeNs, QStringLiteral("output"), run.laneOfPid(entry.pid), entry.text, entry.pid});
    }
    std::stable_sort(news.begin(), news.end(), [](const News& a, const News& b) { return a.tNs < b.tNs; });
    for (const News& n : news) {
        const Lane* lane = n.lane >= 0 ? &lanes[static_cast<std::size_t>(n.lane)] : nullptr;
        const QString name = lane && !lane->name.isEmpty() ? lane->name : QStringLiteral("MainProcess");
        printEvent(n.tNs, n.what, name, lane ? lane->pid : n.pid, n.detail);
    }
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
                 .arg(RunSummary::outcomeText(s.outcome),
                      s.message.isEmpty() ? QString() : QStringLiteral(": ") + s.message);
    m_out << QStringLiteral("  wall time    %1 s\n").arg(TextFormat::seconds(s.wallNs));
    m_out << QStringLiteral("  processes    %1\n").arg(s.workersText());
    if (s.workers > 0) {
        m_out << QStringLiteral("  worker time  sum %1 s, longest %2 s; wall time is %3x the sum, %4x the longest\n")
                     .arg(TextFormat::seconds(s.sumLifetimeNs), TextFormat::seconds(s.maxLifetimeNs))
                     .arg(s.sumLifetimeNs > 0 ? static_cast<double>(s.wallNs) / static_cast<double>(s.sumLifetimeNs)
                                              : 0.0,
                          0, 'f', 2)
                     .arg(s.maxLifetimeNs > 0 ? static_cast<double>(s.wallNs) / static_cast<double>(s.maxLifetimeNs)
                                              : 0.0,
                          0, 'f', 2);
    }
    if (const Recording* recording = m_controller->recording())
        m_out << RecordingReport::text(*recording);
    m_out.flush();
}
