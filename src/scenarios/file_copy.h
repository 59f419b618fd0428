#pragma once

// One file's copy for the folder-copy scenario, safe against being killed at any point: the
// bytes go to a temporary name in the destination folder, are read back and compared with the
// source, and only a verified copy is renamed to the final name (never over an existing file
// unless asked). Whatever happens, no partial file ever carries the final name.

#include <cstdint>
#include <string>

namespace forkscope::scenarios {

enum class CopyStatus : std::uint8_t { Copied, Exists, Failed };

struct CopyOutcome {
    CopyStatus status = CopyStatus::Failed;
    std::int64_t bytes = 0;
    int error = 0; // errno, for Failed
    char stage[24] = {}; // what failed: "open source", "write", "verify", …
};

struct CopyRequest {
    std::string source;      // the file to copy
    std::string destination; // its final name
    std::size_t chunk_bytes = 1 << 16;
    std::int64_t chunk_delay_ns = 0; // the seed's sleep between chunks, to watch it happen
    bool overwrite = false;
};

// The temporary name a copy is written under: hidden, beside the final name.
[[nodiscard]] std::string temporary_name_for(const std::string& destination);

[[nodiscard]] CopyOutcome copy_file(const CopyRequest& request);

} // namespace forkscope::scenarios
