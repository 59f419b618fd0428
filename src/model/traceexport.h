#pragma once

// Exports of a Recording that other tools open: Chrome Trace Event JSON (Perfetto UI,
// chrome://tracing, speedscope) as shared/TRACE_FORMAT.md describes it, and CSV of the events
// and of the task timings. Each file is written under a temporary name and renamed when
// complete (QSaveFile): a failed export leaves nothing behind and never a half-written file.

#include "model/recording.h"

#include <QString>

#include <functional>
#include <optional>

class QIODevice;

namespace exports {

// Progress 0..1 as the export goes; return false to cancel it (nothing is written then).
using Progress = std::function<bool(double)>;

// Each returns an error naming the file, or nothing when the file was written.
std::optional<QString> writeChromeTrace(const Recording& recording, const QString& path, const Progress& progress = {});
std::optional<QString> writeEventsCsv(const Recording& recording, const QString& path, const Progress& progress = {});
std::optional<QString> writeTasksCsv(const Recording& recording, const QString& path, const Progress& progress = {});

// The same, into an open device (tests, pipes).
void writeChromeTrace(const Recording& recording, QIODevice& out, const Progress& progress = {});

// "running", "blocked on put", … as they appear in exports (not translated: files are data).
const char* stateName(forkscope::core::WorkerState state);
const char* eventKindName(forkscope::core::EventKind kind);

// Writes `path` through a QSaveFile: `write` fills the device; an error names the file.
std::optional<QString> saveAtomically(const QString& path, const std::function<bool(QIODevice&)>& write);

} // namespace exports
