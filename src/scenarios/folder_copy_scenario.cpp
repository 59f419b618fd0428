#include "scenarios/folder_copy_scenario.h"

#include "core/clock.h"
#include "core/errors.h"
#include "core/pool.h"
#include "core/queue.h"
#include "core/telemetry.h"
#include "scenarios/file_copy.h"
#include "scenarios/translate_noop.h"
#include "scenarios/work.h"

#include <dirent.h>
#include <nlohmann/json.hpp>
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
    char name[NAME_MAX + 1];
    std::uint32_t chunk_bytes;
    std::int64_t chunk_delay_ns;
    bool overwrite;
    core::BytesQueue* done;
};

CopyOutcome copy_task(CopyTask task)
{
    const CopyOutcome outcome = copy_file({task.source, task.destination, task.chunk_bytes, task.chunk_delay_ns, task.overwrite});
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

// The regular files directly in `folder`, by name; what else is there is listed in `skipped`.
std::vector<std::string> files_in(const std::string& folder, std::vector<std::string>& skipped)
{
    DIR* dir = ::opendir(folder.c_str());
    if (!dir)
        core::throw_errno("source: cannot read folder " + folder);
    std::vector<std::string> files;
    while (const dirent* entry = ::readdir(dir)) {
        const std::string name = entry->d_name;
        if (name == "." || name == "..")
            continue;
        struct stat s {};
        if (::lstat((folder + "/" + name).c_str(), &s) == 0 && S_ISREG(s.st_mode))
            files.push_back(name);
        else
            skipped.push_back(name);
    }
    ::closedir(dir);
    std::sort(files.begin(), files.end());
    return files;
}

std::string outcome_text(const CopyOutcome& o)
{
    switch (o.status) {
    case CopyStatus::Copied: return "copied";
    case CopyStatus::Exists: return "exists, not replaced (set overwrite to replace it)";
    case CopyStatus::Failed: return std::string(o.stage) + " failed: " + std::strerror(o.error);
    }
    return {};
}

} // namespace

const char* FolderCopyScenario::title() const
{
    return QT_TRANSLATE_NOOP("Scenario", "Folder copy: a Pool, a queue and progress");
}

const char* FolderCopyScenario::summary() const
{
    return QT_TRANSLATE_NOOP(
        "Scenario",
        "A Pool copies the files of a folder, one task per file; each task puts the file's name on a "
        "queue when it is done, and the main process reads the queue to show the progress. Every "
        "copy is written under a temporary name, compared with its source and only then given its "
        "final name, so a copy that is killed half way never looks finished; existing files are "
        "left alone unless overwrite is set.");
}

const std::vector<Field>& FolderCopyScenario::fields() const
{
    static const std::vector<Field> fields{
        {"source", FieldKind::Text, 0, kMaxPath, {}, "", QT_TRANSLATE_NOOP("Field", "Source folder"),
         QT_TRANSLATE_NOOP("Field", "The folder whose files are copied (the files directly in it)."), ""},
        {"destination", FieldKind::Text, 0, kMaxPath, {}, "", QT_TRANSLATE_NOOP("Field", "Destination folder"),
         QT_TRANSLATE_NOOP("Field", "Where the copies go; created if missing. Empty: the source's name with [copy] added."), ""},
        {"pool_size", FieldKind::Integer, 1, 64, {}, "3", QT_TRANSLATE_NOOP("Field", "Pool size"),
         QT_TRANSLATE_NOOP("Field", "How many files are copied at once (Pool(3) in the seed)."), ""},
        {"chunk_kb", FieldKind::Integer, 1, 65'536, {}, "64", QT_TRANSLATE_NOOP("Field", "Chunk size"),
         QT_TRANSLATE_NOOP("Field", "How much is read and written at a time."), "KiB"},
        {"chunk_delay_ms", FieldKind::Integer, 0, 10'000, {}, "0", QT_TRANSLATE_NOOP("Field", "Delay per chunk"),
         QT_TRANSLATE_NOOP("Field", "A pause after each chunk, to watch the copy happen (the seed sleeps a random time)."), "ms"},
        {"overwrite", FieldKind::Boolean, 0, 0, {}, "false", QT_TRANSLATE_NOOP("Field", "Overwrite"),
         QT_TRANSLATE_NOOP("Field", "Replace files that already exist in the destination."), ""},
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
    const std::string real_destination = is_dir(destination) ? real_path(destination)
                                                             : real_path(parent) + "/" + destination.substr(slash + 1);
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
    std::vector<std::string> skipped;
    const std::vector<std::string> files = files_in(source, skipped);
    for (const std::string& name : skipped)
        context.log("main: " + name + " is not a regular file: not copied");
    context.log("main: copying " + std::to_string(files.size()) + " files from " + source + " to " + destination);

    core::BytesQueue done(0, NAME_MAX + 1);
    core::Pool pool(c.at("pool_size").get<unsigned>());
    std::vector<core::AsyncResult<CopyOutcome>> results;
    for (const std::string& name : files) {
        CopyTask task{};
        std::snprintf(task.source, sizeof task.source, "%s/%s", source.c_str(), name.c_str());
        std::snprintf(task.destination, sizeof task.destination, "%s/%s", destination.c_str(), name.c_str());
        std::snprintf(task.name, sizeof task.name, "%s", name.c_str());
        task.chunk_bytes = c.at("chunk_kb").get<std::uint32_t>() * 1024;
        task.chunk_delay_ns = c.at("chunk_delay_ms").get<std::int64_t>() * core::kNsPerMs;
        task.overwrite = c.at("overwrite").get<bool>();
        task.done = &done;
        results.push_back(pool.apply_async(copy_task, task));
    }
    pool.close();
    // The seed's progress loop: a name per finished file. A worker killed mid-copy never sends
    // its name, so the loop also ends once every task has an outcome.
    std::size_t finished = 0;
    auto all_ready = [&] { return std::all_of(results.begin(), results.end(), [](const auto& r) { return r.ready(); }); };
    std::string name;
    while (finished < files.size()) {
        if (!done.empty()) {
            done.get_into(name); // only this process gets from it: what is there stays there
            ++finished;
            core::report_progress(finished, files.size());
            char percent[16];
            std::snprintf(percent, sizeof percent, "%.2f", 100.0 * static_cast<double>(finished) / static_cast<double>(files.size()));
            context.log("main: " + std::string(percent) + "% (" + name + ")");
            continue;
        }
        pool.poll(std::chrono::milliseconds(20));
        if (all_ready() && done.empty())
            break;
    }
    pool.join();

    std::size_t copied = 0, exists = 0, failed = 0;
    std::int64_t bytes = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        try {
            const CopyOutcome o = results[i].get();
            copied += o.status == CopyStatus::Copied;
            exists += o.status == CopyStatus::Exists;
            failed += o.status == CopyStatus::Failed;
            bytes += o.bytes;
            if (o.status != CopyStatus::Copied)
                context.log("main: " + files[i] + ": " + outcome_text(o));
        } catch (const std::exception& e) { // its worker died: only its temporary file is left
            ++failed;
            ::unlink(temporary_name_for(destination + "/" + files[i]).c_str());
            context.log("main: " + files[i] + ": " + e.what());
        }
    }
    context.set_result({{"files", files.size()},
                        {"copied", copied},
                        {"exists", exists},
                        {"failed", failed},
                        {"bytes", bytes},
                        {"destination", destination},
                        {"summary", summary_rows({{"files", std::to_string(files.size())},
                                                  {"copied and verified", std::to_string(copied)},
                                                  {"already there, not replaced", std::to_string(exists)},
                                                  {"failed", std::to_string(failed)},
                                                  {"bytes copied", std::to_string(bytes)},
                                                  {"destination", destination}})}});
    if (exists + failed > 0)
        throw std::runtime_error(std::to_string(exists + failed) + " of " + std::to_string(files.size()) +
                                 " files were not copied (see the log)");
}

} // namespace forkscope::scenarios
