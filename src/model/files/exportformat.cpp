#include "model/files/exportformat.h"

#include "model/files/csvexport.h"
#include "model/files/runfile.h"

#include <QFileInfo>

namespace exports {

QString formatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::ChromeTrace: return QStringLiteral("Chrome trace");
    case ExportFormat::EventsCsv: return QStringLiteral("events CSV");
    case ExportFormat::TasksCsv: return QStringLiteral("task timings CSV");
    case ExportFormat::RunFile: return QStringLiteral("run file");
    }
    return {};
}

QString formatPrefix(ExportFormat format)
{
    switch (format) {
    case ExportFormat::ChromeTrace: return QStringLiteral("trace");
    case ExportFormat::EventsCsv: return QStringLiteral("events");
    case ExportFormat::TasksCsv: return QStringLiteral("tasks");
    case ExportFormat::RunFile: return QStringLiteral("run");
    }
    return {};
}

QString fileSuffix(ExportFormat format)
{
    switch (format) {
    case ExportFormat::ChromeTrace: return QStringLiteral(".trace.json");
    case ExportFormat::EventsCsv: return QStringLiteral(".events.csv");
    case ExportFormat::TasksCsv: return QStringLiteral(".tasks.csv");
    case ExportFormat::RunFile: return QStringLiteral(".json");
    }
    return {};
}

QString suggestedName(ExportFormat format, const QString& base)
{
    return base + fileSuffix(format);
}

std::optional<Target> targetFor(const QString& value)
{
    for (const ExportFormat format : kFormats) {
        const QString prefix = formatPrefix(format) + QLatin1Char(':');
        if (value.startsWith(prefix))
            return Target{format, value.mid(prefix.size())};
    }
    const QString name = QFileInfo(value).fileName().toLower();
    for (const ExportFormat format : kFormats) {
        if (format == ExportFormat::RunFile)
            continue; // its suffix, .json, is the trace's too: it takes what the others leave
        const QString suffix = fileSuffix(format);
        if (name == suffix.mid(1) || name.endsWith(suffix))
            return Target{format, value};
    }
    if (name.endsWith(fileSuffix(ExportFormat::RunFile)))
        return Target{ExportFormat::RunFile, value};
    return std::nullopt;
}

std::optional<QString> writeExport(ExportFormat format, const Recording& recording, const QString& path,
                                   const Progress& progress)
{
    switch (format) {
    case ExportFormat::ChromeTrace: return writeChromeTrace(recording, path, progress);
    case ExportFormat::EventsCsv: return writeEventsCsv(recording, path, progress);
    case ExportFormat::TasksCsv: return writeTasksCsv(recording, path, progress);
    case ExportFormat::RunFile: return runfile::save(recording, path);
    }
    return std::nullopt;
}

} // namespace exports
