#pragma once

// The native run file: one JSON object, schema-versioned, with what ran (scenario, config),
// where (machine), and what happened (processes, output, statistics, every kept event).
// Loading replays the events into a new Recording, which then equals the saved one.
//
//   {"format": "forkscope-run", "version": 1, "tool": {…}, "scenario": "…", "config": {…},
//    "machine": {…}, "run": {…}, "lanes": [{…}], "log": [[t_ns, pid, "text"]],
//    "statistics": {…}, "events": {"encoding": "…", "count": N, "data": "<base64>"}}
//
// Events are packed (32 bytes each, little-endian, base64): a million of them load in well
// under a second, where a JSON array of objects would take gigabytes to parse.

#include "model/recording/recording.h"

#include <QString>

#include <optional>

namespace runfile {

inline constexpr int kVersion = 1;

// An error naming the file, or nothing when it was written (atomically: see traceexport.h).
// Reading it back: runfilereader.h.
std::optional<QString> save(const Recording& recording, const QString& path);

} // namespace runfile
