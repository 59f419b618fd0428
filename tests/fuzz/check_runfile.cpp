// The run-file loader's contract: a rejection names the file, then the path of the field in it
// ("lanes[2].pid: …", "events[3] (byte 96): …") or the byte of a JSON syntax error; an accepted
// file, saved again, loads back into an equal recording.

#include "fuzz_checks.h"

#include "model/files/runfile.h"
#include "model/files/runfilereader.h"

#include <QTemporaryDir>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace forkscope::fuzz {

namespace {

constexpr const char* kTarget = "runfile";
constexpr std::string_view kName = "fuzz.json";

bool digits(std::string_view text)
{
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// name[index]… separated by dots, e.g. statistics.queues[0].put_blocked_ns.buckets[3], run.t0_ns.
bool is_field_path(std::string_view path)
{
    if (path.empty())
        return false;
    while (!path.empty()) {
        if (!std::islower(static_cast<unsigned char>(path.front())))
            return false;
        std::size_t n = 1;
        while (n < path.size() && (std::islower(static_cast<unsigned char>(path[n])) ||
                                   std::isdigit(static_cast<unsigned char>(path[n])) || path[n] == '_'))
            ++n;
        path.remove_prefix(n);
        while (path.starts_with('[')) {
            const auto close = path.find(']');
            if (close == std::string_view::npos || !digits(path.substr(1, close - 1)))
                return false;
            path.remove_prefix(close + 1);
        }
        if (path.empty())
            return true;
        if (!path.starts_with('.'))
            return false;
        path.remove_prefix(1);
    }
    return false; // a trailing dot
}

void check_rejection(const std::string& error, std::size_t size)
{
    std::string_view rest(error);
    if (!rest.starts_with(kName))
        broken(kTarget, "a rejection that does not name the file: " + error);
    rest.remove_prefix(kName.size());
    if (constexpr std::string_view kSyntax = " is not valid JSON (byte "; rest.starts_with(kSyntax)) {
        rest.remove_prefix(kSyntax.size());
        const auto close = rest.find(')');
        if (close == std::string_view::npos || !digits(rest.substr(0, close)) ||
            std::stoull(std::string(rest.substr(0, close))) > size + 1)
            broken(kTarget, "a JSON syntax error without a byte in the file: " + error);
        return;
    }
    if (!rest.starts_with(": "))
        broken(kTarget, "a rejection without a field: " + error);
    rest.remove_prefix(2);
    if (rest.starts_with("expected a JSON object at the top level, got ")) // the file itself is what is wrong
        return;
    const auto colon = rest.find(": ");
    if (colon == std::string_view::npos || colon + 2 == rest.size())
        broken(kTarget, "a rejection without a problem after its field: " + error);
    std::string_view path = rest.substr(0, colon);
    if (const auto byte = path.find(" (byte "); byte != std::string_view::npos) {
        if (!path.ends_with(')') || !digits(path.substr(byte + 7, path.size() - byte - 8)))
            broken(kTarget, "a malformed byte offset: " + error);
        path = path.substr(0, byte);
    }
    if (!is_field_path(path))
        broken(kTarget, "a rejection that names no field: " + error);
}

void check_acceptance(const Recording& recording)
{
    static const QTemporaryDir dir; // one per process: a fuzzer runs millions of inputs
    if (!dir.isValid())
        broken(kTarget, "no temporary folder to save into");
    const QString path = dir.filePath(QStringLiteral("saved.json"));
    if (const auto error = runfile::save(recording, path))
        broken(kTarget, "the accepted recording cannot be saved: " + error->toStdString());
    const runfile::Loaded again = runfile::load(path);
    if (!again.recording)
        broken(kTarget, "the saved file is rejected: " + again.error.toStdString());
    if (!(*again.recording == recording))
        broken(kTarget, "the saved file loads back different");
}

} // namespace

Verdict check_runfile(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const runfile::Loaded loaded =
        runfile::loadBytes(bytes, QString::fromUtf8(kName.data(), static_cast<qsizetype>(kName.size())));
    if (!loaded.recording) {
        check_rejection(loaded.error.toStdString(), size);
        return Verdict::Rejected;
    }
    if (!loaded.error.isEmpty())
        broken(kTarget, "an accepted file with an error: " + loaded.error.toStdString());
    check_acceptance(*loaded.recording);
    return Verdict::Accepted;
}

} // namespace forkscope::fuzz
