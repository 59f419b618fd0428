#pragma once

// The English strings of the Qt-free scenario layer (titles, field labels, help), translated for
// display. They are marked there with QT_TRANSLATE_NOOP in the "Scenario" and "Field" contexts.

#include <QString>

namespace ScenarioText {
QString scenario(const char* text);
QString field(const char* text);
// A choice value ("one-by-one") as shown; the value itself stays the token.
QString choice(const std::string& value);
QString fromStd(const std::string& text);
// A ConfigError's problem ("must be 1..256, got 0") in the user's language. The scenario layer
// writes them in English for the CLI and the files; the known shapes are translated here, and
// anything else is shown as it is.
QString problem(const std::string& text);
} // namespace ScenarioText
