#include "model/files/runfilereader.h"

#include "model/files/runfile.h"
#include "model/files/runfilestats.h"

#include "scenarios/config/json_offset.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QFileInfo>

#include <cstring>
#include <limits>

using nlohmann::json;

namespace {

struct LoadError {
    std::string what;
};

constexpr quint64 kMaxEvents = 200'000'000;
constexpr std::size_t kMaxLanes = 1'000'000;
constexpr std::size_t kMaxSignals = 100'000; // per lane: sent by hand, one at a time
constexpr qint64 kMaxEventMagnitude = qint64{1} << 62; // ns: 146 years
constexpr std::uint8_t kMaxKind = static_cast<std::uint8_t>(forkscope::core::EventKind::ObjectNamed);

const json& member(const json& object, const std::string& path, const char* name)
{
    if (!object.is_object() && path.empty()) // the file itself: there is no field to name
        throw LoadError{std::string("expected a JSON object at the top level, got ") + object.type_name()};
    if (!object.is_object())
        throw LoadError{path + ": expected an object"};
    const auto it = object.find(name);
    if (it == object.end())
        throw LoadError{(path.empty() ? std::string() : path + ".") + name + ": missing"};
    return *it;
}

template <class T>
T integer(const json& object, const std::string& path, const char* name)
{
    const json& v = member(object, path, name);
    const std::string where = (path.empty() ? std::string() : path + ".") + name;
    if (!v.is_number_integer())
        throw LoadError{where + ": expected an integer"};
    if constexpr (std::is_unsigned_v<T>) {
        if (v.is_number_unsigned() ? v.get<std::uint64_t>() > std::numeric_limits<T>::max() : v.get<std::int64_t>() < 0)
            throw LoadError{where + ": out of range"};
    } else {
        if (v.is_number_unsigned() ? v.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<T>::max())
                                   : v.get<std::int64_t>() < std::numeric_limits<T>::min() ||
                                         v.get<std::int64_t>() > std::numeric_limits<T>::max())
            throw LoadError{where + ": out of range"};
    }
    return v.get<T>();
}

std::string text(const json& object, const std::string& path, const char* name)
{
    const json& v = member(object, path, name);
    if (!v.is_string())
        throw LoadError{(path.empty() ? std::string() : path + ".") + name + ": expected a string"};
    return v.get<std::string>();
}

bool boolean(const json& object, const std::string& path, const char* name)
{
    const json& v = member(object, path, name);
    if (!v.is_boolean())
        throw LoadError{(path.empty() ? std::string() : path + ".") + name + ": expected true or false"};
    return v.get<bool>();
}

const json& array(const json& object, const std::string& path, const char* name)
{
    const json& v = member(object, path, name);
    if (!v.is_array())
        throw LoadError{(path.empty() ? std::string() : path + ".") + name + ": expected an array"};
    return v;
}

LogHistogram histogram(const json& object, const std::string& path, const char* name)
{
    const std::string at = path + "." + name;
    const json& h = member(object, path, name);
    std::array<std::uint64_t, LogHistogram::kBuckets> buckets{};
    const json& list = array(h, at, "buckets");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json& pair = list[i];
        if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number_unsigned() || !pair[1].is_number_unsigned() ||
            pair[0].get<std::uint64_t>() >= buckets.size())
            throw LoadError{at + ".buckets[" + std::to_string(i) + "]: expected [bucket, count]"};
        buckets[pair[0].get<std::size_t>()] = pair[1].get<std::uint64_t>();
    }
    LogHistogram result;
    result.restore(buckets, integer<std::uint64_t>(h, at, "count"), integer<std::uint64_t>(h, at, "sum"),
                   integer<std::uint64_t>(h, at, "min"), integer<std::uint64_t>(h, at, "max"));
    return result;
}

std::vector<SignalMark> signalMarks(const json& list, const std::string& at)
{
    if (!list.is_array() || list.size() > kMaxSignals)
        throw LoadError{at + ": expected an array of at most " + std::to_string(kMaxSignals) +
                        " [time_ns, signal] pairs"};
    std::vector<SignalMark> marks;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json& m = list[i];
        const std::string item = at + "[" + std::to_string(i) + "]";
        if (!m.is_array() || m.size() != 2 || !m[0].is_number_integer() || !m[1].is_number_integer() ||
            m[1].get<qint64>() < 1 || m[1].get<qint64>() > 64)
            throw LoadError{item + ": expected [time_ns, signal] with a signal number 1..64"};
        marks.push_back(SignalMark{m[0].get<qint64>(), m[1].get<qint32>()});
    }
    return marks;
}

// `key`: an array of as many durations in ns as `Array` holds, or null or absent.
template <typename Array>
std::optional<Array> durations(const json& object, const std::string& at, const char* key)
{
    if (!object.contains(key) || object[key].is_null())
        return std::nullopt;
    const json& ns = object[key];
    Array times{};
    if (!ns.is_array() || ns.size() != times.size())
        throw LoadError{at + "." + key + ": expected " + std::to_string(times.size()) + " numbers or null"};
    for (std::size_t s = 0; s < times.size(); ++s) {
        if (!ns[s].is_number_integer() || ns[s].get<qint64>() < 0)
            throw LoadError{at + "." + key + "[" + std::to_string(s) + "]: expected a count of ns"};
        times[s] = ns[s].get<qint64>();
    }
    return times;
}

void readLanes(Recording& r, const json& list)
{
    if (list.size() > kMaxLanes)
        throw LoadError{"lanes: more than " + std::to_string(kMaxLanes)};
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = "lanes[" + std::to_string(i) + "]";
        const json& l = list[i];
        Lane lane;
        lane.pid = integer<qint32>(l, at, "pid");
        lane.ppid = integer<qint32>(l, at, "ppid");
        lane.name = QString::fromStdString(text(l, at, "name"));
        lane.role = QString::fromStdString(text(l, at, "role"));
        lane.daemon = boolean(l, at, "daemon");
        lane.startNs = integer<qint64>(l, at, "start_ns");
        lane.exitNs = integer<qint64>(l, at, "exit_ns");
        if (!member(l, at, "exit_code").is_null())
            lane.exitCode = integer<qint32>(l, at, "exit_code");
        lane.joinNs = integer<qint64>(l, at, "join_ns");
        lane.ring = integer<int>(l, at, "ring");
        if (l.contains("signals")) // since ForkScope 0.1: older files have none
            lane.signalsSent = signalMarks(l["signals"], at + ".signals");
        if (lane.ring >= 65536)
            throw LoadError{at + ".ring: out of range"};
        if (lane.ring >= 0 && r.laneOfRing(static_cast<quint32>(lane.ring)) >= 0)
            throw LoadError{at + ".ring: " + std::to_string(lane.ring) + " belongs to another lane"};
        r.restoreLane(std::move(lane));
        // The times the process kept itself, or null (older files have none).
        if (auto ns = durations<Recording::StateTimes>(l, at, "state_ns"))
            r.restoreTimeInStates(static_cast<int>(i), *ns);
        if (auto ns = durations<std::array<qint64, 3>>(l, at, "blocked_ns"))
            r.restoreBlockedTimes(static_cast<int>(i), BlockedTimes{(*ns)[0], (*ns)[1], (*ns)[2]});
    }
}

void readEvents(Recording& r, const json& e)
{
    const auto count = integer<quint64>(e, "events", "count");
    if (count > r.eventLimit())
        throw LoadError{"events.count: more than run.event_limit"};
    const std::string data = text(e, "events", "data");
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromRawData(data.data(), qsizetype(data.size())),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        throw LoadError{"events.data: not base64"};
    if (quint64(decoded.decoded.size()) != count * sizeof(RecordedEvent))
        throw LoadError{"events.data: " + std::to_string(decoded.decoded.size()) + " bytes, expected " +
                        std::to_string(count * sizeof(RecordedEvent)) + " for events.count"};
    qint64 last = std::numeric_limits<qint64>::min();
    for (quint64 i = 0; i < count; ++i) {
        RecordedEvent event;
        std::memcpy(&event, decoded.decoded.constData() + i * sizeof(RecordedEvent), sizeof event);
        const std::string at = "events[" + std::to_string(i) + "] (byte " + std::to_string(i * sizeof event) + ")";
        if (event.kind == 0 || event.kind > kMaxKind)
            throw LoadError{at + ": unknown kind " + std::to_string(event.kind)};
        // Spans subtract a value (a wait, a hold) from a time: keep both far from overflowing.
        if (event.timeNs <= -kMaxEventMagnitude || event.timeNs >= kMaxEventMagnitude ||
            event.value <= -kMaxEventMagnitude || event.value >= kMaxEventMagnitude)
            throw LoadError{at + ": time or value out of range"};
        if (event.timeNs < last)
            throw LoadError{at + ": earlier than the event before it"};
        last = event.timeNs;
        r.append(event);
    }
}

std::vector<LogEntry> readLog(const json& list)
{
    std::vector<LogEntry> log;
    for (const json& entry : list) {
        if (!entry.is_array() || entry.size() != 3 || !entry[0].is_number_integer() || !entry[1].is_number_integer() ||
            !entry[2].is_string())
            throw LoadError{"log: expected [time_ns, pid, text] entries"};
        log.push_back(LogEntry{entry[0].get<qint64>(), entry[1].get<qint32>(),
                               QString::fromStdString(entry[2].get<std::string>())});
    }
    return log;
}

// Each object of `list` into the entry of `into` its "id" names, field by field from the tables.
template <typename Stats, std::size_t C, std::size_t H>
void readStats(const json& list, const std::string& path, std::map<quint32, Stats>& into,
               const std::array<runfile::stats::Count<Stats>, C>& counts,
               const std::array<runfile::stats::Histogram<Stats>, H>& histograms)
{
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string at = path + "[" + std::to_string(i) + "]";
        Stats& s = into[integer<quint32>(list[i], at, "id")];
        for (const auto& field : counts)
            s.*field.member = integer<quint64>(list[i], at, field.name);
        for (const auto& field : histograms)
            s.*field.member = histogram(list[i], at, field.name);
    }
}

Recording::Statistics readStatistics(const json& s, quint64 total, std::size_t lanes)
{
    Recording::Statistics result;
    result.eventCount = total;
    result.taskNs = histogram(s, "statistics", "tasks_ns");
    result.tasksFailed = integer<quint64>(s, "statistics", "tasks_failed");
    const json& done = array(s, "statistics", "tasks_done_per_lane");
    if (done.size() != lanes)
        throw LoadError{"statistics.tasks_done_per_lane: one entry per lane expected"};
    for (std::size_t i = 0; i < done.size(); ++i) {
        if (!done[i].is_number_unsigned())
            throw LoadError{"statistics.tasks_done_per_lane[" + std::to_string(i) + "]: expected a count"};
        result.tasksDonePerLane.push_back(done[i].get<quint64>());
    }
    readStats(array(s, "statistics", "queues"), "statistics.queues", result.queues, runfile::stats::kQueueCounts,
              runfile::stats::kQueueHistograms);
    const json& locks = array(s, "statistics", "locks");
    readStats(locks, "statistics.locks", result.locks, runfile::stats::kLockCounts, runfile::stats::kLockHistograms);
    for (std::size_t i = 0; i < locks.size(); ++i) // ids were checked by readStats
        result.locks[locks[i]["id"].get<quint32>()].holderLane =
            integer<int>(locks[i], "statistics.locks[" + std::to_string(i) + "]", "holder_lane");
    return result;
}

std::unique_ptr<Recording> read(const json& doc)
{
    if (text(doc, "", "format") != "forkscope-run")
        throw LoadError{"format: not a ForkScope run file"};
    if (const int version = integer<int>(doc, "", "version"); version != runfile::kVersion)
        throw LoadError{"version: " + std::to_string(version) + " is not supported (this ForkScope reads " +
                        std::to_string(runfile::kVersion) + ")"};
    const json& run = member(doc, "", "run");
    const auto limit = integer<quint64>(run, "run", "event_limit");
    if (limit > kMaxEvents)
        throw LoadError{"run.event_limit: more than " + std::to_string(kMaxEvents)};
    auto r = std::make_unique<Recording>(limit);
    const json& config = member(doc, "", "config");
    if (!config.is_object())
        throw LoadError{"config: expected an object"};
    r->setScenario(QString::fromStdString(text(doc, "", "scenario")), config.dump());
    if (const json& result = member(doc, "", "result"); !result.is_null()) {
        if (!result.is_object())
            throw LoadError{"result: expected an object or null"};
        r->setResult(result.dump());
    }
    const auto t0 = integer<qint64>(run, "run", "t0_ns");
    readLanes(*r, array(doc, "", "lanes"));
    readEvents(*r, member(doc, "", "events"));
    const auto total = integer<quint64>(run, "run", "events_total");
    if (total < r->events().size())
        throw LoadError{"run.events_total: fewer than the events in the file"};
    std::vector<LogEntry> log = readLog(array(doc, "", "log"));
    r->restoreLog(std::move(log), integer<quint64>(run, "run", "log_lines_not_kept"));
    r->setDropped(integer<quint64>(run, "run", "events_dropped"));
    if (run.contains("telemetry_wait_ns")) // older files have none
        r->setTelemetryWaitNs(integer<quint64>(run, "run", "telemetry_wait_ns"));
    const auto duration = integer<qint64>(run, "run", "duration_ns");
    // The run's end as the supervisor reported it, a CLOCK_MONOTONIC time, must be one.
    if (qint64 endNs = 0; __builtin_add_overflow(t0, duration, &endNs))
        throw LoadError{"run.duration_ns: out of range after run.t0_ns"};
    r->restoreTimes(t0, duration, boolean(run, "run", "finished"));
    // Statistics saw more than the events kept, or counted what full rings dropped (the
    // processes' own counts): take them as saved.
    if (total > r->events().size() || r->dropped() > 0)
        r->restoreStatistics(readStatistics(member(doc, "", "statistics"), total, r->lanes().size()));
    if (const json& progress = member(run, "run", "progress"); !progress.is_null()) {
        if (!progress.is_array() || progress.size() != 2 || !progress[0].is_number_integer() ||
            !progress[1].is_number_integer())
            throw LoadError{"run.progress: expected [done, total] or null"};
        r->restoreProgress(progress[0].get<qint64>(), progress[1].get<qint64>());
    }
    return r;
}

} // namespace

namespace runfile {

Loaded loadBytes(const QByteArray& bytes, const QString& name)
{
    Loaded result;
    json doc;
    try {
        doc = json::parse(bytes.constData(), bytes.constData() + bytes.size());
    } catch (const json::parse_error& e) {
        result.error = QObject::tr("%1 is not valid JSON (byte %2).").arg(name).arg(e.byte);
        return result;
    } catch (const json::out_of_range&) { // a number beyond a double's range: the offset comes apart
        const auto offset =
            forkscope::scenarios::json_error_offset(std::string_view(bytes.constData(), std::size_t(bytes.size())));
        result.error = QObject::tr("%1 is not valid JSON (byte %2).").arg(name).arg(offset);
        return result;
    }
    try {
        result.recording = read(doc);
    } catch (const LoadError& e) {
        result.error = QObject::tr("%1: %2").arg(name, QString::fromStdString(e.what));
    }
    return result;
}

Loaded load(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {nullptr, QObject::tr("Cannot read %1: %2").arg(QFileInfo(path).absoluteFilePath(), file.errorString())};
    return loadBytes(file.readAll(), QFileInfo(path).absoluteFilePath());
}

} // namespace runfile
