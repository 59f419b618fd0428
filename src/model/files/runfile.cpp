#include "model/files/runfile.h"

#include "model/files/jsonwriter.h"
#include "model/files/runfilestats.h"
#include "model/files/traceexport.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QFileInfo>
#include <QSysInfo>

#include <bit>
#include <cstddef>
#include <cstring>
#include <thread>

using nlohmann::json;

static_assert(std::endian::native == std::endian::little, "events are stored as little-endian records");
static_assert(offsetof(RecordedEvent, task) == 8 && offsetof(RecordedEvent, value) == 16 &&
                  offsetof(RecordedEvent, object) == 24 && offsetof(RecordedEvent, ring) == 28 &&
                  offsetof(RecordedEvent, kind) == 30 && offsetof(RecordedEvent, detail) == 31,
              "the run file's record layout");

namespace {

constexpr const char* kEncoding =
    "base64 of 32-byte little-endian records: time_ns i64, task u64, value i64, object u32, ring u16, kind u8, detail u8";
json histogramJson(const LogHistogram& h)
{
    json buckets = json::array();
    for (std::size_t i = 0; i < h.buckets().size(); ++i) {
        if (h.buckets()[i])
            buckets.push_back({i, h.buckets()[i]});
    }
    return {{"count", h.count()}, {"sum", h.sum()}, {"min", h.rawMin()}, {"max", h.max()}, {"buckets", buckets}};
}

template <typename Stats, std::size_t C, std::size_t H>
json statsJson(quint32 id, const Stats& s, const std::array<runfile::stats::Count<Stats>, C>& counts,
               const std::array<runfile::stats::Histogram<Stats>, H>& histograms)
{
    json object = {{"id", id}};
    for (const auto& field : counts)
        object[field.name] = s.*field.member;
    for (const auto& field : histograms)
        object[field.name] = histogramJson(s.*field.member);
    return object;
}

json statisticsJson(const Recording& r)
{
    json queues = json::array(), locks = json::array(), tasksDone = json::array();
    for (const auto& [id, q] : r.queues())
        queues.push_back(statsJson(id, q, runfile::stats::kQueueCounts, runfile::stats::kQueueHistograms));
    for (const auto& [id, l] : r.locks()) {
        json& lock = locks.emplace_back(statsJson(id, l, runfile::stats::kLockCounts, runfile::stats::kLockHistograms));
        lock["holder_lane"] = l.holderLane;
    }
    for (const Lane& lane : r.lanes())
        tasksDone.push_back(lane.tasksDone);
    return {{"tasks_ns", histogramJson(r.taskNs())},
            {"tasks_failed", r.tasksFailed()},
            {"tasks_done_per_lane", tasksDone},
            {"queues", queues},
            {"locks", locks}};
}

json header(const Recording& r)
{
    json config = json::object();
    if (!r.configJson().empty())
        config = json::parse(r.configJson(), nullptr, false);
    json lanes = json::array();
    for (int index = 0; index < static_cast<int>(r.lanes().size()); ++index) {
        const Lane& lane = r.lanes()[static_cast<std::size_t>(index)];
        const auto states = r.timeInStates(index);
        const auto blocked = r.blockedTimes(index);
        json sent = json::array();
        for (const SignalMark& mark : lane.signalsSent)
            sent.push_back({mark.timeNs, mark.signal});
        lanes.push_back(
            {{"pid", lane.pid},
             {"ppid", lane.ppid},
             {"name", lane.name.toStdString()},
             {"role", lane.role.toStdString()},
             {"daemon", lane.daemon},
             {"start_ns", lane.startNs},
             {"exit_ns", lane.exitNs},
             {"exit_code", lane.exitCode ? json(*lane.exitCode) : json()},
             {"join_ns", lane.joinNs},
             {"ring", lane.ring},
             {"signals", sent},
             {"state_ns", states ? json(*states) : json()},
             {"blocked_ns", blocked ? json::array({blocked->putNs, blocked->getNs, blocked->lockNs}) : json()}});
    }
    json log = json::array();
    for (const LogEntry& entry : r.log())
        log.push_back({entry.timeNs, entry.pid, entry.text.toStdString()});
    const auto progress = r.progress();
    return {
        {"format", "forkscope-run"},
        {"version", runfile::kVersion},
        {"tool", {{"name", "ForkScope"}, {"version", FORKSCOPE_VERSION}}},
        {"scenario", r.scenario().toStdString()},
        {"config", config.is_discarded() ? json::object() : config},
        {"result", r.resultJson().empty() ? json() : json::parse(r.resultJson(), nullptr, false)},
        {"machine",
         {{"hostname", QSysInfo::machineHostName().toStdString()},
          {"os", QSysInfo::prettyProductName().toStdString()},
          {"kernel", QSysInfo::kernelVersion().toStdString()},
          {"cpus", std::thread::hardware_concurrency()}}},
        {"run",
         {{"t0_ns", r.t0Ns()},
          {"duration_ns", r.durationNs()},
          {"finished", r.finished()},
          {"event_limit", r.eventLimit()},
          {"events_total", r.eventCount()},
          {"events_dropped", r.dropped()},
          {"telemetry_wait_ns", r.telemetryWaitNs()},
          {"log_lines_not_kept", r.logLinesNotKept()},
          {"progress", progress ? json::array({progress->first, progress->second}) : json()}}},
        {"lanes", lanes},
        {"log", log},
        {"statistics", statisticsJson(r)},
    };
}

} // namespace

namespace runfile {

std::optional<QString> save(const Recording& r, const QString& path)
{
    return exports::saveAtomically(path, [&r](QIODevice& device) {
        JsonWriter out(device);
        std::string text = header(r).dump(1);
        text.pop_back(); // the closing brace: the events follow
        while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
            text.pop_back();
        out.raw(text);
        out.raw(",\n \"events\": {\"encoding\": ");
        out.string(kEncoding);
        out.raw(", \"count\": ");
        out.number(static_cast<std::int64_t>(r.events().size()));
        out.raw(", \"data\": \"");
        constexpr std::size_t kChunk = 3 * 1024; // events: 96 KiB, a multiple of 3 bytes
        for (std::size_t i = 0; i < r.events().size(); i += kChunk) {
            const std::size_t n = std::min(kChunk, r.events().size() - i);
            const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(&r.events()[i]),
                                                             static_cast<qsizetype>(n * sizeof(RecordedEvent)));
            const QByteArray encoded = bytes.toBase64();
            out.raw(std::string_view(encoded.constData(), static_cast<std::size_t>(encoded.size())));
        }
        out.raw("\"}\n}\n");
        out.flush();
        return true;
    });
}

} // namespace runfile
