#pragma once

// The Chrome Trace Event JSON export of a Recording (Perfetto UI, chrome://tracing, speedscope),
// as shared/TRACE_FORMAT.md describes it, and what every export shares: progress, names of states
// and event kinds, atomic writing. Each file is written under a temporary name and renamed when
// complete (QSaveFile): a failed export leaves nothing behind and never a half-written file.
// The CSVs are in csvexport.h, the run file in runfile.h; exportformat.h picks among them.

#include "model/recording/recording.h"

#include <QString>

#include <functional>
#include <optional>

class QIODevice;

namespace exports {

// Progress 0..1 as the export goes; return false to cancel it (nothing is written then).
using Progress = std::function<bool(double)>;

// An error naming the file, or nothing when the file was written.
std::optional<QString> writeChromeTrace(const Recording& recording, const QString& path, const Progress& progress = {});

// The same, into an open device (tests, pipes).
void writeChromeTrace(const Recording& recording, QIODevice& out, const Progress& progress = {});

// "running", "blocked on put", … as they appear in exports (not translated: files are data).
const char* stateName(forkscope::core::WorkerState state);
const char* eventKindName(forkscope::core::EventKind kind);

// Writes `path` through a QSaveFile: `write` fills the device; an error names the file.
std::optional<QString> saveAtomically(const QString& path, const std::function<bool(QIODevice&)>& write);

} // namespace exports
