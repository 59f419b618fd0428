#pragma once

// CSV exports of a Recording, for spreadsheets and scripts: every kept event, and every task with
// its timing. One header line, then a line per row; text quoted when it needs it (RFC 4180).
// Written atomically like every export (traceexport.h).

#include "model/files/traceexport.h"

namespace exports {

// Each returns an error naming the file, or nothing when the file was written.
std::optional<QString> writeEventsCsv(const Recording& recording, const QString& path, const Progress& progress = {});
std::optional<QString> writeTasksCsv(const Recording& recording, const QString& path, const Progress& progress = {});

} // namespace exports
