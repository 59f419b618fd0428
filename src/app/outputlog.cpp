#include "app/outputlog.h"

#include "model/recording/recording.h"
#include "model/report/textformat.h"

#include <QComboBox>
#include <QPlainTextEdit>
#include <QScrollBar>

#include <signal.h>

#include <algorithm>

OutputLog::OutputLog(QPlainTextEdit* view, QComboBox* filter, QObject* parent)
    : QObject(parent), m_view(view), m_filter(filter)
{
    m_view->setMaximumBlockCount(static_cast<int>(kMaxLines));
    m_filter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_filter->addItem(QString(), qint64{0});
    retranslate();
    connect(m_filter, &QComboBox::currentIndexChanged, this, &OutputLog::refill);
}

void OutputLog::reset()
{
    m_view->clear();
    m_logTaken = 0;
    m_named.clear();
    m_signalsTaken.clear();
    m_notes.clear();
    const QSignalBlocker blocker(m_filter);
    while (m_filter->count() > 1)
        m_filter->removeItem(1);
    m_filter->setCurrentIndex(0);
}

qint64 OutputLog::filterPid() const
{
    return m_filter->currentData().toLongLong();
}

bool OutputLog::shown(qint64 pid) const
{
    const qint64 wanted = filterPid();
    return wanted == 0 || pid == 0 || pid == wanted;
}

QString OutputLog::lineText(const Recording& run, qint64 tNs, qint64 pid, const QString& text) const
{
    const int lane = run.laneOfPid(static_cast<qint32>(pid));
    const QString name = lane >= 0 ? run.lanes()[static_cast<std::size_t>(lane)].name : QString();
    return QStringLiteral("%1  %2 [%3]  %4")
        .arg(TextFormat::secondsWithUnit(tNs), 9)
        .arg(name.isEmpty() ? QStringLiteral("MainProcess") : name)
        .arg(pid)
        .arg(text);
}

QString OutputLog::signalText(int signal)
{
    return tr("ForkScope: sent SIG%1 to this process").arg(QString::fromLatin1(sigabbrev_np(signal)));
}

void OutputLog::takeIn(const Recording& run)
{
    const auto& lanes = run.lanes();
    m_named.resize(lanes.size(), false);
    for (std::size_t l = 0; l < lanes.size(); ++l) {
        // A lane can come before its process's start message (its telemetry ring is attached
        // first): it joins the filter once it has its name.
        const Lane& lane = lanes[l];
        if (m_named[l] || lane.name.isEmpty())
            continue;
        m_named[l] = true;
        if (m_filter->findData(qint64{lane.pid}) < 0)
            m_filter->addItem(QStringLiteral("%1 (%2)").arg(lane.name).arg(lane.pid), qint64{lane.pid});
    }
    // New lines, added in one go; only the last kMaxLines of a large batch are worth building.
    QStringList lines;
    const auto& log = run.log();
    m_logTaken = std::max(m_logTaken, log.size() > kMaxLines ? log.size() - kMaxLines : 0);
    for (; m_logTaken < log.size(); ++m_logTaken) {
        const LogEntry& entry = log[m_logTaken];
        if (shown(entry.pid))
            lines << lineText(run, entry.timeNs, entry.pid, entry.text);
    }
    // New signals sent from ForkScope (Run › Send Signal).
    m_signalsTaken.resize(lanes.size(), 0);
    for (std::size_t l = 0; l < lanes.size(); ++l) {
        for (; m_signalsTaken[l] < lanes[l].signalsSent.size(); ++m_signalsTaken[l]) {
            const SignalMark& mark = lanes[l].signalsSent[m_signalsTaken[l]];
            if (shown(lanes[l].pid))
                lines << lineText(run, mark.timeNs, lanes[l].pid, signalText(mark.signal));
        }
    }
    if (lines.isEmpty())
        return;
    // Kept at the end while the user has not scrolled back to read.
    QScrollBar* bar = m_view->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum();
    m_view->appendPlainText(lines.join(QLatin1Char('\n')));
    if (atEnd)
        bar->setValue(bar->maximum());
}

void OutputLog::appendNote(const QString& text)
{
    m_notes.push_back(Note{recording() ? recording()->durationNs() : 0, text});
    m_view->appendPlainText(text);
}

void OutputLog::refill()
{
    // The lines in the order they came, as takeIn() shows them; signals sent and notes, in time
    // order, each before the first line that came later. Only the last kMaxLines are built.
    struct Aside {
        qint64 timeNs;
        QString text;
    };
    std::vector<Aside> asides;
    const Recording* run = recording();
    if (run) {
        for (const Lane& lane : run->lanes()) {
            for (std::size_t i = 0; shown(lane.pid) && i < lane.signalsSent.size(); ++i)
                asides.push_back({lane.signalsSent[i].timeNs, lineText(*run, lane.signalsSent[i].timeNs, lane.pid,
                                                                       signalText(lane.signalsSent[i].signal))});
        }
    }
    for (const Note& note : m_notes)
        asides.push_back({note.timeNs, note.text});
    std::stable_sort(asides.begin(), asides.end(), [](const Aside& a, const Aside& b) { return a.timeNs < b.timeNs; });
    constexpr std::size_t kAside = SIZE_MAX; // in `order`: an aside, taken in turn
    std::vector<std::size_t> order; // log indices, or kAside
    std::size_t aside = 0;
    if (run) {
        const auto& log = run->log();
        for (std::size_t i = 0; i < log.size(); ++i) {
            if (!shown(log[i].pid))
                continue;
            for (; aside < asides.size() && asides[aside].timeNs < log[i].timeNs; ++aside)
                order.push_back(kAside);
            order.push_back(i);
        }
    }
    for (; aside < asides.size(); ++aside)
        order.push_back(kAside);
    const std::size_t from = order.size() > kMaxLines ? order.size() - kMaxLines : 0;
    aside =
        static_cast<std::size_t>(std::count(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(from), kAside));
    QStringList text;
    for (std::size_t i = from; i < order.size(); ++i) {
        if (order[i] == kAside) {
            text << asides[aside++].text;
        } else {
            const LogEntry& entry = run->log()[order[i]];
            text << lineText(*run, entry.timeNs, entry.pid, entry.text);
        }
    }
    m_view->setPlainText(text.join(QLatin1Char('\n')));
    m_view->moveCursor(QTextCursor::End);
}

void OutputLog::retranslate()
{
    m_filter->setItemText(0, tr("all processes"));
}
