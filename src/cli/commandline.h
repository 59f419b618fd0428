#pragma once

#include "model/presetlibrary.h"

#include <QStringList>

// forkscope-cli's commands, parsed and checked before anything runs. Failures carry the message
// for stderr and exit code 2 (bad input).
// An --export: the format comes from the name (trace.json → Chrome trace, events.csv, tasks.csv,
// anything else .json → run file) or from a prefix (trace:, events:, tasks:, run:).
struct CliExport {
    enum class Format { ChromeTrace, EventsCsv, TasksCsv, RunFile };
    Format format = Format::RunFile;
    QString path;
};

struct CliRequest {
    enum class Command { Run, Presets, Describe, Show, Help, Version };
    Command command = Command::Help;
    Preset preset; // Run: scenario and complete, valid config; Describe: the scenario
    QList<CliExport> exports; // Run
    std::optional<bool> progress; // Run: forced on or off; unset: on when stderr is a terminal
    QString runFile;              // Show
};

struct CliParse {
    std::optional<CliRequest> request;
    QString error;    // set when request is empty
    QString helpText; // for Help
};

[[nodiscard]] CliParse parseCommandLine(const QStringList& arguments);

// Parses one --export value and checks its folder exists and is writable. Empty error: fine.
[[nodiscard]] CliExport parseExport(const QString& value, QString* error);
[[nodiscard]] QString exportFormatName(CliExport::Format format);

// The fields of a scenario with their ranges, choices and defaults, for `describe`.
[[nodiscard]] QString describeScenario(const QString& scenarioId);
[[nodiscard]] QString listPresets();
