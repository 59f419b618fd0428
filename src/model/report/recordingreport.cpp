#include "model/report/recordingreport.h"

#include <QLocale>
#include <QStringList>

#include "model/report/textformat.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace {

QString rate(quint64 count, qint64 ns)
{
    return ns > 0 ? TextFormat::rate(TextFormat::perSecond(count, ns)) : QStringLiteral("-");
}

// One table: a header and rows, each column right-aligned to its widest cell but the first.
QString table(const QStringList& header, const QList<QStringList>& rows)
{
    QList<int> widths;
    for (const QString& h : header)
        widths << int(h.size());
    for (const QStringList& row : rows) {
        for (int i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], int(row[i].size()));
    }
    auto line = [&](const QStringList& cells) -> QString { // not a QStringBuilder of a local
        QString out = QStringLiteral("  ");
        for (int i = 0; i < cells.size(); ++i)
            out += (i == 0 ? cells[i].leftJustified(widths[i]) : cells[i].rightJustified(widths[i] + 2));
        return out + QLatin1Char('\n');
    };
    QString out = line(header);
    for (const QStringList& row : rows)
        out += line(row);
    return out;
}

} // namespace

// The scenario's own conclusion: its "summary" rows, then its "table".
QString RecordingReport::result(const Recording& r)
{
    const nlohmann::json result = nlohmann::json::parse(r.resultJson(), nullptr, false);
    if (!result.is_object())
        return {};
    auto cell = [](const nlohmann::json& v) {
        return QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump());
    };
    QString out;
    if (const auto summary = result.find("summary"); summary != result.end() && summary->is_array()) {
        out += tr("result\n");
        for (const auto& row : *summary) {
            if (row.is_array() && row.size() == 2)
                out += QStringLiteral("  %1  %2\n").arg(cell(row[0]), -28).arg(cell(row[1]));
        }
    }
    if (const auto t = result.find("table"); t != result.end() && t->is_object() && t->contains("columns") &&
                                             t->contains("rows") && (*t)["columns"].is_array() &&
                                             (*t)["rows"].is_array()) {
        QStringList header;
        for (const auto& c : (*t)["columns"])
            header << cell(c);
        QList<QStringList> rows;
        for (const auto& row : (*t)["rows"]) {
            QStringList cells;
            if (row.is_array()) {
                for (const auto& c : row)
                    cells << cell(c);
            }
            rows << cells;
        }
        out += table(header, rows);
    }
    return out;
}

QString RecordingReport::eventsMissing(const Recording& r)
{
    QStringList parts;
    const QLocale locale;
    if (r.dropped() > 0)
        parts << tr("%1 of %2 events were dropped by full rings")
                     .arg(locale.toString(r.dropped()), locale.toString(r.dropped() + r.eventCount()));
    if (r.eventsNotKept() > 0)
        parts << tr("%1 events past the first %2 were counted but not kept")
                     .arg(locale.toString(r.eventsNotKept()), locale.toString(quint64(r.events().size())));
    if (parts.isEmpty())
        return {};
    QString exact;
    if (r.countsExact() && r.timesExact())
        exact = tr("the counts and the percentiles are exact (each process kept its own)");
    else if (r.countsExact())
        exact = tr("the counts are exact (each process counted its own); the percentiles leave them out");
    else
        exact = tr("the counts and the percentiles leave them out too");
    return tr("%1: the timeline and the charts leave them out; %2.").arg(parts.join(tr("; ")), exact);
}

QString RecordingReport::text(const Recording& r)
{
    QString out = result(r);
    out += tr("telemetry    %1 events recorded over %2 (%3 dropped by full rings, %4 counted but not kept)\n")
               .arg(r.eventCount())
               .arg(TextFormat::duration(r.durationNs()))
               .arg(r.dropped())
               .arg(r.eventsNotKept());
    if (r.telemetryWaitNs() > 0)
        out += tr("             the processes waited %1 in all for the collector to make room in their rings: "
                  "recording every event slowed the run that much\n")
                   .arg(TextFormat::duration(static_cast<qint64>(r.telemetryWaitNs())));
    if (r.dropped() > 0)
        out += r.countsExact() && r.timesExact()
                   ? tr("             the counts and percentiles below are exact: each process kept its own; depths "
                        "are from the events recorded\n")
               : r.countsExact()
                   ? tr("             the counts below are exact: each process counted its own; times, depths and "
                        "percentiles are from the events recorded\n")
                   : tr("             NOT EXACT: the counts, times, depths and percentiles below are from the events "
                        "recorded, %1 fewer than happened\n")
                         .arg(r.dropped());
    const LogHistogram& tasks = r.taskNs();
    if (const quint64 ended = r.tasksDone(); ended > 0) {
        out += tr("tasks\n");
        out += table({tr("done"), tr("failed"), tr("tasks/s"), tr("p50"), tr("p99"), tr("longest")},
                     {{QString::number(ended - std::min(ended, r.tasksFailed())), QString::number(r.tasksFailed()),
                       rate(ended, r.durationNs()), TextFormat::duration(tasks.percentile(0.5)),
                       TextFormat::duration(tasks.percentile(0.99)), TextFormat::duration(tasks.max())}});
    }
    if (!r.queues().empty()) {
        QList<QStringList> rows;
        for (const auto& [id, q] : r.queues()) {
            rows.append({TextFormat::queueName(r, id), QString::number(q.puts), QString::number(q.gets),
                         rate(q.gets, r.durationNs()), QString::number(q.maxDepth), QString::number(q.blockedPuts),
                         q.blockedPuts ? TextFormat::duration(q.putBlockedNs.percentile(0.99)) : QStringLiteral("-"),
                         QString::number(q.blockedGets),
                         q.blockedGets ? TextFormat::duration(q.getBlockedNs.percentile(0.99)) : QStringLiteral("-"),
                         QString::number(q.lostPuts + q.lostGets)});
        }
        out += tr("queues\n");
        out += table({QString(), tr("puts"), tr("gets"), tr("items/s"), tr("max depth"), tr("puts blocked"), tr("p99"),
                      tr("gets blocked"), tr("p99"), tr("lost")},
                     rows);
    }
    if (!r.locks().empty()) {
        QList<QStringList> rows;
        for (const auto& [id, l] : r.locks()) {
            rows.append({tr("lock %1").arg(id), QString::number(l.acquisitions), QString::number(l.contended),
                         TextFormat::duration(l.waitNs.percentile(0.5)),
                         TextFormat::duration(l.waitNs.percentile(0.99)),
                         TextFormat::duration(l.holdNs.percentile(0.5)),
                         TextFormat::duration(l.holdNs.percentile(0.99)), QString::number(l.ownerDied)});
        }
        out += tr("locks\n");
        out += table({QString(), tr("acquired"), tr("waited"), tr("wait p50"), tr("wait p99"), tr("hold p50"),
                      tr("hold p99"), tr("owner died")},
                     rows);
    }
    return out;
}
