#pragma once

#include "model/config/presetlibrary.h"
#include "model/files/exportformat.h"

#include <QStringList>

// forkscope-cli's commands, parsed and checked before anything runs. Failures carry the message
// for stderr and exit code 2 (bad input).

struct CliRequest {
    enum class Command { Run, Presets, Describe, Show, Help, Version };
    Command command = Command::Help;
    Preset preset; // Run: scenario and complete, valid config; Describe: the scenario
    QList<exports::Target> exports; // Run: the format from the name or prefix (exportformat.h)
    std::optional<bool> progress; // Run: forced on or off; unset: on when stderr is a terminal
    QString runFile; // Show
};

struct CliParse {
    std::optional<CliRequest> request;
    QString error; // set when request is empty
    QString helpText; // for Help
};

[[nodiscard]] CliParse parseCommandLine(const QStringList& arguments);

// Parses one --export value and checks its folder exists and is writable. Empty error: fine.
[[nodiscard]] exports::Target parseExport(const QString& value, QString* error);

// The fields of a scenario with their ranges, choices and defaults, for `describe`.
[[nodiscard]] QString describeScenario(const QString& scenarioId);
[[nodiscard]] QString listPresets();
