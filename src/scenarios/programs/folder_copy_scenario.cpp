#include "scenarios/programs/folder_copy_scenario.h"

#include "core/clock.h"
#include "core/errors.h"
#include "core/pool.h"
#include "core/queue.h"
#include "core/telemetry.h"
#include "scenarios/config/translate_noop.h"
#include "scenarios/programs/file_copy.h"
#include "scenarios/programs/work.h"

#include <dirent.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace forkscope::scenarios {

namespace {

constexpr std::size_t kMaxPath = 4096;

// A pool task's argument travels bytewise: paths as fixed arrays, the queue by address (it was
// made before the pool's workers were forked).
struct CopyTask {
    char source[kMaxPath + 1];
    char destination[kMaxPath + 1];
    char source_root[kMaxPath + 1];
    char name[NAME_MAX + 1];
    std::uint32_t chunk_bytes;
    std::int64_t chunk_delay_ns;
    bool overwrite;
    bool link;
    core::BytesQueue* done;
};

CopyOutcome copy_task(CopyTask task)
{
    // Over RLIMIT_FSIZE, write() fails with EFBIG only if SIGXFSZ is ignored; by default it kills.
    // (The supervisor ignores it already; a copier must not depend on who forked it.)
    ::signal(SIGXFSZ, SIG_IGN);
    const CopyRequest request{task.source,      task.destination,    task.source_root,
                              task.chunk_bytes, task.chunk_delay_ns, task.overwrite};
    const CopyOutcome outcome = task.link ? copy_link(request) : copy_file(request);
    task.done->put(task.name); // queue.put(file_name), as the seed: the main process counts them
    return outcome;
}

std::string destination_of(const nlohmann::json& c)
{
    std::string source = c.at("source").get<std::string>();
    while (source.size() > 1 && source.back() == '/')
        source.pop_back();
    const std::string destination = c.at("destination").get<std::string>();
    return destination.empty() ? source + "[copy]" : destination; // the seed's "[副本]"
}

std::string real_path(const std::string& path)
{
    char resolved[PATH_MAX];
    return ::realpath(path.c_str(), resolved) ? std::string(resolved) : std::string();
}

bool is_dir(const std::string& path)
{
    struct stat s {};
    return ::stat(path.c_str(), &s) == 0 && S_ISDIR(s.st_mode);
}

struct Entry {
    std::string name;
    bool link = false;
};

// What became of one name of the source folder that was not copied.
struct Problem {
    std::string name;
    bool failed = false; // or skipped on purpose
    std::string why;
};

std::string not_a_file(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a folder; only the files directly in the source folder are copied";
    const char* kind = S_ISFIFO(mode)                   ? "a FIFO"
                       : S_ISSOCK(mode)                 ? "a socket"
                       : S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
                                                        : "a special file";
    return std::string(kind) + ", not a regular file";
}

// The regular files and links directly in `folder`, by name; what else is there goes to `problems`.
std::vector<Entry> entries_in(const std::string& folder, std::vector<Problem>& problems)
{
    DIR* dir = ::opendir(folder.c_str());
    if (!dir)
        core::throw_errno("source: cannot read folder " + folder);
    std::vector<Entry> entries;
    while (const dirent* entry = ::readdir(dir)) {
        const std::string name = entry->d_name;
        if (name == "." || name == "..")
            continue;
        struct stat s {};
        if (::lstat((folder + "/" + name).c_str(), &s) != 0)
            problems.push_back({name, true, "vanished while the folder was being listed: " + core::errno_text(errno)});
        else if (S_ISREG(s.st_mode) || S_ISLNK(s.st_mode))
            entries.push_back({name, S_ISLNK(s.st_mode)});
        else
            problems.push_back({name, false, not_a_file(s.st_mode)});
    }
    ::closedir(dir);
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
    return entries;
}

// Fills `task` for `name`; false if a path does not fit.
bool make_task(CopyTask& task, const std::string& source, const std::string& root, const std::string& destination,
               const Entry& entry)
{
    const auto fits = [](int n, std::size_t size) { return n >= 0 && static_cast<std::size_t>(n) < size; };
    return fits(std::snprintf(task.source, sizeof task.source, "%s/%s", source.c_str(), entry.name.c_str()),
                sizeof task.source) &&
           fits(std::snprintf(task.destination, sizeof task.destination, "%s/%s", destination.c_str(),
                              entry.name.c_str()),
                sizeof task.destination) &&
           fits(std::snprintf(task.source_root, sizeof task.source_root, "%s", root.c_str()),
                sizeof task.source_root) &&
           fits(std::snprintf(task.name, sizeof task.name, "%s", entry.name.c_str()), sizeof task.name);
}

} // namespace

const char* FolderCopyScenario::title() const
{
    return QT_TRANSLATE_NOOP("Scenario", "Folder copy: a Pool, a queue and progress");
}

const char* FolderCopyScenario::summary() const
{
    return QT_TRANSLATE_NOOP(
        "Scenario", "A Pool copies the files of a folder, one task per file; each task puts the file's name on a "
                    "queue when it is done, and the main process reads the queue to show the progress. Every "
                    "copy is written under a temporary name, compared with its source and only then given its "
                    "final name, so a copy that is killed half way never looks finished; existing files are "
                    "left alone unless overwrite is set.");
}

const std::vector<Field>& FolderCopyScenario::fields() const
{
    static const std::vector<Field> fields{
        {"source",
         FieldKind::Text,
         0,
         kMaxPath,
         {},
         "",
         QT_TRANSLATE_NOOP("Field", "Source folder"),
         QT_TRANSLATE_NOOP("Field", "The folder whose files are copied (the files directly in it)."),
         ""},
        {"destination",
         FieldKind::Text,
         0,
         kMaxPath,
         {},
         "",
         QT_TRANSLATE_NOOP("Field", "Destination folder"),
         QT_TRANSLATE_NOOP("Field",
                           "Where the copies go; created if missing. Empty: the source's name with [copy] added."),
         ""},
        {"pool_size",
         FieldKind::Integer,
         1,
         64,
         {},
         "3",
         QT_TRANSLATE_NOOP("Field", "Pool size"),
         QT_TRANSLATE_NOOP("Field", "How many files are copied at once (Pool(3) in the seed)."),
         ""},
        {"chunk_kb",
         FieldKind::Integer,
         1,
         65'536,
         {},
         "64",
         QT_TRANSLATE_NOOP("Field", "Chunk size"),
         QT_TRANSLATE_NOOP("Field", "How much is read and written at a time."),
         "KiB"},
        {"chunk_delay_ms",
         FieldKind::Integer,
         0,
         10'000,
         {},
         "0",
         QT_TRANSLATE_NOOP("Field", "Delay per chunk"),
         QT_TRANSLATE_NOOP("Field",
                           "A pause after each chunk, to watch the copy happen (the seed sleeps a random time)."),
         "ms"},
        {"overwrite",
         FieldKind::Boolean,
         0,
         0,
         {},
         "false",
         QT_TRANSLATE_NOOP("Field", "Overwrite"),
         QT_TRANSLATE_NOOP("Field", "Replace files that already exist in the destination."),
         ""},
    };
    return fields;
}

void FolderCopyScenario::check_environment(const nlohmann::json& c) const
{
    const std::string source = c.at("source").get<std::string>();
    if (source.empty())
        throw ConfigError("source", "must name the folder to copy");
    if (!is_dir(source))
        throw ConfigError("source", "folder " + source + " does not exist");
    if (::access(source.c_str(), R_OK | X_OK) != 0)
        throw ConfigError("source", "folder " + source + " cannot be read");
    const std::string destination = destination_of(c);
    struct stat s {};
    if (::stat(destination.c_str(), &s) == 0 && !S_ISDIR(s.st_mode))
        throw ConfigError("destination", destination + " exists and is not a folder");
    const auto slash = destination.rfind('/');
    const std::string parent = slash == std::string::npos ? "." : slash == 0 ? "/" : destination.substr(0, slash);
    if (!is_dir(parent))
        throw ConfigError("destination", "folder " + parent + " does not exist");
    const std::string real_source = real_path(source);
    const std::string real_destination =
        is_dir(destination) ? real_path(destination) : real_path(parent) + "/" + destination.substr(slash + 1);
    if (real_destination == real_source || real_destination.starts_with(real_source + "/"))
        throw ConfigError("destination", destination + " is inside the source folder " + source);
}

void FolderCopyScenario::run(const nlohmann::json& c, RunContext& context) const
{
    check_environment(c); // again: the folders may have changed since the run was asked for
    const std::string source = c.at("source").get<std::string>();
    const std::string destination = destination_of(c);
    if (::mkdir(destination.c_str(), 0755) != 0 && errno != EEXIST)
        core::throw_errno("destination: cannot create folder " + destination);
    std::vector<Problem> problems;
    const std::vector<Entry> entries = entries_in(source, problems);
    const std::size_t listed = entries.size() + problems.size();
    for (const Problem& p : problems)
        context.log("main: " + p.name + ": " + (p.failed ? "failed: " : "not copied: ") + p.why);
    context.log("main: copying " + std::to_string(entries.size()) + " files from " + source + " to " + destination);

    core::BytesQueue done(0, NAME_MAX + 1);
    core::Pool pool(c.at("pool_size").get<unsigned>());
    const std::string root = real_path(source);
    std::vector<std::pair<std::string, core::AsyncResult<CopyOutcome>>> results;
    for (const Entry& entry : entries) {
        CopyTask task{};
        if (!make_task(task, source, root, destination, entry)) {
            problems.push_back({entry.name, true, "its path is longer than " + std::to_string(kMaxPath) + " bytes"});
            context.log("main: " + entry.name + ": failed: " + problems.back().why);
            continue;
        }
        task.chunk_bytes = c.at("chunk_kb").get<std::uint32_t>() * 1024;
        task.chunk_delay_ns = c.at("chunk_delay_ms").get<std::int64_t>() * core::kNsPerMs;
        task.overwrite = c.at("overwrite").get<bool>();
        task.link = entry.link;
        task.done = &done;
        results.emplace_back(entry.name, pool.apply_async(copy_task, task));
    }
    pool.close();
    // The seed's progress loop: a name per finished file. A worker killed mid-copy never sends
    // its name, so the loop also ends once every task has an outcome.
    std::size_t finished = 0;
    auto all_ready = [&] {
        return std::all_of(results.begin(), results.end(), [](const auto& r) { return r.second.ready(); });
    };
    std::string name;
    while (finished < results.size()) {
        if (!done.empty()) {
            done.get_into(name); // only this process gets from it: what is there stays there
            ++finished;
            core::report_progress(finished, results.size());
            char percent[16];
            std::snprintf(percent, sizeof percent, "%.2f",
                          100.0 * static_cast<double>(finished) / static_cast<double>(results.size()));
            context.log("main: " + std::string(percent) + "% (" + name + ")");
            continue;
        }
        pool.poll(std::chrono::milliseconds(20));
        if (all_ready() && done.empty())
            break;
    }
    pool.join();

    std::size_t copied = 0, links = 0, exists = 0;
    std::int64_t bytes = 0;
    for (auto& [file, result] : results) {
        try {
            const CopyOutcome o = result.get();
            copied += o.status == CopyStatus::Copied || o.status == CopyStatus::Linked;
            links += o.status == CopyStatus::Linked;
            exists += o.status == CopyStatus::Exists;
            bytes += o.bytes;
            if (o.status == CopyStatus::Exists || o.status == CopyStatus::Refused || o.status == CopyStatus::Failed) {
                const std::string text = outcome_text(o);
                problems.push_back(
                    {file, o.status == CopyStatus::Failed, o.status == CopyStatus::Exists ? text : std::string(o.why)});
                context.log("main: " + file + ": " + text);
            }
        } catch (const std::exception& e) { // its worker died: only its temporary file is left
            ::unlink(temporary_name_for(destination + "/" + file).c_str());
            problems.push_back({file, true, e.what()});
            context.log("main: " + file + ": failed: " + e.what());
        }
    }
    std::sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) { return a.name < b.name; });
    const auto failed = static_cast<std::size_t>(
        std::count_if(problems.begin(), problems.end(), [](const Problem& p) { return p.failed; }));
    const std::size_t skipped = problems.size() - failed;
    nlohmann::json rows = nlohmann::json::array();
    for (const Problem& p : problems)
        rows.push_back({p.name, p.failed ? "failed" : "skipped", p.why});
    context.set_result(
        {{"files", listed},
         {"copied", copied},
         {"links", links},
         {"skipped", skipped},
         {"exists", exists},
         {"failed", failed},
         {"bytes", bytes},
         {"destination", destination},
         {"summary",
          summary_rows(
              {{"names in the source folder", std::to_string(listed)},
               {"copied and verified", std::to_string(copied) + " (" + std::to_string(links) + " of them links)"},
               {"skipped", std::to_string(skipped) + " (" + std::to_string(exists) + " already there, not replaced)"},
               {"failed", std::to_string(failed)},
               {"bytes copied", std::to_string(bytes)},
               {"destination", destination}})},
         {"table", {{"columns", {"file", "outcome", "why"}}, {"rows", rows}}}});
    if (exists + failed > 0)
        throw std::runtime_error(std::to_string(exists + failed) + " of " + std::to_string(listed) +
                                 " files were not copied (" + std::to_string(failed) + " failed, " +
                                 std::to_string(exists) + " already in the destination; see the log)");
}

} // namespace forkscope::scenarios
