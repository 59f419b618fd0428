#pragma once

// The formats a run is written in, for both front ends: the window's File › Export suggests a
// name that the CLI's --export reads back as the same format, and both write through
// writeExport(), so a format added here is offered, named and written everywhere.

#include "model/files/traceexport.h"

#include <QString>

#include <array>
#include <optional>

enum class ExportFormat { ChromeTrace, EventsCsv, TasksCsv, RunFile };

namespace exports {

inline constexpr std::array kFormats{ExportFormat::ChromeTrace, ExportFormat::EventsCsv, ExportFormat::TasksCsv,
                                     ExportFormat::RunFile};

// "Chrome trace", "events CSV", … as the CLI reports what it wrote (English, like its output).
[[nodiscard]] QString formatName(ExportFormat format);
// "trace" for the prefix "trace:" that picks the format whatever the file is called.
[[nodiscard]] QString formatPrefix(ExportFormat format);
// ".trace.json", ".events.csv", ".tasks.csv", ".json": what targetFor() recognises.
[[nodiscard]] QString fileSuffix(ExportFormat format);
[[nodiscard]] QString suggestedName(ExportFormat format, const QString& base);

struct Target {
    ExportFormat format = ExportFormat::RunFile;
    QString path; // without the prefix
};
// "trace:x", "events:x", "tasks:x", "run:x"; else by name: trace.json or *.trace.json,
// events.csv or *.events.csv, tasks.csv or *.tasks.csv, any other *.json a run file.
// Nothing for a name that says no format.
[[nodiscard]] std::optional<Target> targetFor(const QString& value);

// Writes the whole recording to `path`: an error naming the file, or nothing. `progress` can
// cancel the long ones (a run file is written in one go).
std::optional<QString> writeExport(ExportFormat format, const Recording& recording, const QString& path,
                                   const Progress& progress = {});

} // namespace exports
