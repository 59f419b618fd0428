#pragma once

#include "model/presetlibrary.h"

#include <QStringList>

// forkscope-cli's commands, parsed and checked before anything runs. Failures carry the message
// for stderr and exit code 2 (bad input).
struct CliRequest {
    enum class Command { Run, Presets, Describe, Help, Version };
    Command command = Command::Help;
    Preset preset; // Run: scenario and complete, valid config; Describe: the scenario
};

struct CliParse {
    std::optional<CliRequest> request;
    QString error;    // set when request is empty
    QString helpText; // for Help
};

[[nodiscard]] CliParse parseCommandLine(const QStringList& arguments);

// The fields of a scenario with their ranges, choices and defaults, for `describe`.
[[nodiscard]] QString describeScenario(const QString& scenarioId);
[[nodiscard]] QString listPresets();
