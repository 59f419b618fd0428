#include "model/files/csvexport.h"

#include "model/files/jsonwriter.h"

namespace exports {

namespace {

struct Cancelled {};

void csvText(JsonWriter& out, const QString& text)
{
    const std::string utf8 = text.toStdString();
    if (utf8.find_first_of(",\"\n\r") == std::string::npos) {
        out.raw(utf8);
        return;
    }
    std::string quoted = "\"";
    for (const char c : utf8) {
        if (c == '"')
            quoted.push_back('"');
        quoted.push_back(c);
    }
    quoted.push_back('"');
    out.raw(quoted);
}

std::optional<QString> writeCsv(const QString& path, const Progress& progress,
                                const std::function<void(JsonWriter&, const std::function<void(double)>&)>& rows)
{
    return saveAtomically(path, [&](QIODevice& device) {
        JsonWriter out(device);
        try {
            rows(out, [&](double fraction) {
                if (progress && !progress(fraction))
                    throw Cancelled{};
            });
        } catch (const Cancelled&) {
            return false;
        }
        out.flush();
        return true;
    });
}

} // namespace

std::optional<QString> writeEventsCsv(const Recording& r, const QString& path, const Progress& progress)
{
    return writeCsv(path, progress, [&r](JsonWriter& out, const auto& report) {
        out.raw("time_ns,pid,process,kind,object,task,value,detail\n");
        const std::size_t n = r.events().size();
        for (std::size_t i = 0; i < n; ++i) {
            const RecordedEvent& e = r.events()[i];
            const int lane = r.laneOfRing(e.ring);
            out.number(e.timeNs);
            out.raw(",");
            out.number(lane >= 0 ? r.lanes()[std::size_t(lane)].pid : 0);
            out.raw(",");
            csvText(out, lane >= 0 ? r.lanes()[std::size_t(lane)].name : QString());
            out.raw(",");
            out.raw(eventKindName(e.eventKind()));
            out.raw(",");
            out.number(e.object);
            out.raw(",");
            out.number(static_cast<std::int64_t>(e.task));
            out.raw(",");
            out.number(e.value);
            out.raw(",");
            if (e.eventKind() == forkscope::core::EventKind::State)
                out.raw(stateName(static_cast<forkscope::core::WorkerState>(e.detail)));
            else
                out.number(e.detail);
            out.raw("\n");
            if (i % 65536 == 0)
                report(double(i) / double(n));
        }
    });
}

std::optional<QString> writeTasksCsv(const Recording& r, const QString& path, const Progress& progress)
{
    return writeCsv(path, progress, [&r](JsonWriter& out, const auto& report) {
        out.raw("task,pool,pid,process,begin_ns,end_ns,duration_ns,ok\n");
        for (std::size_t l = 0; l < r.lanes().size(); ++l) {
            const Lane& lane = r.lanes()[l];
            for (const Span& s : lane.spans) {
                if (s.kind != SpanKind::Task)
                    continue;
                out.number(static_cast<std::int64_t>(s.task));
                out.raw(",");
                out.number(s.object);
                out.raw(",");
                out.number(lane.pid);
                out.raw(",");
                csvText(out, lane.name);
                out.raw(",");
                out.number(s.beginNs);
                out.raw(",");
                out.number(s.endNs);
                out.raw(",");
                out.number(s.endNs - s.beginNs);
                out.raw(s.detail ? ",true\n" : ",false\n");
            }
            report(double(l + 1) / double(r.lanes().size()));
        }
    });
}

} // namespace exports
