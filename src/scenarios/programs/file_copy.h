#pragma once

// One file's copy for the folder-copy scenario, safe against being killed at any point: the
// bytes go to a temporary name in the destination folder, are read back and compared with the
// source, and only a verified copy is renamed to the final name (never over an existing file
// unless asked). Whatever happens, no partial file ever carries the final name, and every way a
// copy can fail removes its temporary; only a copier killed outright (SIGKILL) leaves it behind,
// for the main process to remove.
//
// The source is never followed through a symbolic link: a file is opened with O_NOFOLLOW, and a
// link is copied as a link, with the same target text, only if that target resolves inside the
// source folder.

#include <cstdint>
#include <string>

namespace forkscope::scenarios {

enum class CopyStatus : std::uint8_t {
    Copied, // a regular file, verified
    Linked, // a symbolic link, made again with the same target
    Exists, // the destination has that name and overwrite is not set: left alone
    Refused, // a link leading outside the source folder, or nowhere: not copied, on purpose
    Failed, // could not be copied (unreadable, vanished or changed, disk full, …)
};

// Trivially copyable: it travels back from a pool worker bytewise.
struct CopyOutcome {
    CopyStatus status = CopyStatus::Failed;
    std::int64_t bytes = 0;
    int error = 0; // errno, when one caused it
    char why[240] = {}; // for anything but Copied and Linked: what happened, in English
};

struct CopyRequest {
    std::string source; // the file or link to copy
    std::string destination; // its final name
    std::string source_root; // the source folder, resolved (realpath): where links may lead
    std::size_t chunk_bytes = 1 << 16;
    std::int64_t chunk_delay_ns = 0; // the seed's sleep between chunks, to watch it happen
    bool overwrite = false;
};

// The temporary name a copy is written under: hidden, beside the final name.
[[nodiscard]] std::string temporary_name_for(const std::string& destination);

// Copies a regular file. Refuses anything that is no longer one when it is opened.
[[nodiscard]] CopyOutcome copy_file(const CopyRequest& request);

// Makes the link `request.source` again at `request.destination`, if it leads inside the source.
[[nodiscard]] CopyOutcome copy_link(const CopyRequest& request);

// "copied", "exists, not replaced (…)", "failed: vanished before it could be copied (…)", …
[[nodiscard]] std::string outcome_text(const CopyOutcome& outcome);

} // namespace forkscope::scenarios
