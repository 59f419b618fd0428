#pragma once

// A scenario's configuration is a JSON object whose members are described by Fields. The same
// names are used in scenario files, on the command line (--set name=value) and in the dialogs.

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace forkscope::scenarios {

enum class FieldKind { Integer, Choice, Boolean, Text };

struct Field {
    std::string name;
    FieldKind kind = FieldKind::Integer;
    std::int64_t min = 0; // Integer only
    std::int64_t max = 0; // Integer: the largest value; Text: the longest text in bytes
    std::vector<std::string> choices; // Choice only; shown translated in the "Choice" context
    std::string default_value; // as typed on the command line
    const char* label = ""; // English, marked with QT_TRANSLATE_NOOP("Field", …)
    const char* help = ""; // idem: one sentence for tooltips and --help
    const char* unit = ""; // "ms", or empty
};

// One problem with a configuration, naming the field: "workers: must be 1..256, got 0".
class ConfigError : public std::runtime_error {
public:
    ConfigError(std::string field, const std::string& problem)
        : std::runtime_error(field + ": " + problem), field_(std::move(field))
    {}
    [[nodiscard]] const std::string& field() const noexcept { return field_; }

private:
    std::string field_;
};

[[nodiscard]] const Field* find_field(const std::vector<Field>& fields, std::string_view name);

// Parses command-line text for a field ("8", "one-by-one", "true"). Throws ConfigError.
[[nodiscard]] nlohmann::json parse_field_text(const Field& field, std::string_view text);

// The problem with one JSON value for a field, or an empty string when it is valid.
[[nodiscard]] std::string check_field_value(const Field& field, const nlohmann::json& value);

// The configuration with every field present: missing ones take their defaults.
[[nodiscard]] nlohmann::json default_config(const std::vector<Field>& fields);

// Checks a config object: unknown members, wrong types, out-of-range values. Returns every
// problem, each naming its field; an empty list means valid. `owner` names the scenario in the
// unknown-field message.
[[nodiscard]] std::vector<ConfigError> validate_config(const std::vector<Field>& fields, const nlohmann::json& config,
                                                       std::string_view owner);

// Applies one "name=value" assignment to a config object. Throws ConfigError.
void apply_assignment(const std::vector<Field>& fields, nlohmann::json& config, std::string_view assignment,
                      std::string_view owner);

// A key as a message can show it: control characters escaped as in JSON (a NUL would end the
// message where the key is named). Other keys are returned as they are.
[[nodiscard]] std::string printable_key(std::string_view key);

// Value as text for display and for --set: 8, one-by-one, true.
[[nodiscard]] std::string field_text(const nlohmann::json& value);

} // namespace forkscope::scenarios
