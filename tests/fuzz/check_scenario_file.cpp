// The scenario file's contract: every rejection starts with the key it is about (a key of the
// schema, a key the input has, or config.<field>), or names the line and column of a JSON
// syntax error; an accepted file is complete and valid, and reads back equal once formatted.

#include "fuzz_checks.h"

#include "scenarios/config/scenario_file.h"
#include "scenarios/programs/programs.h"
#include "scenarios/scenario.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string_view>

namespace forkscope::fuzz {

namespace {

using scenarios::ScenarioDocument;
using scenarios::ScenarioFileError;

constexpr const char* kTarget = "scenario_file";

// The keys a rejection may name: the schema's, the input's own, and every config field.
std::set<std::string> nameable_keys(std::string_view text)
{
    std::set<std::string> keys{"format", "version", "scenario", "title", "config"};
    for (const scenarios::Scenario* scenario : scenarios::all_scenarios()) {
        for (const auto& field : scenario->fields())
            keys.insert("config." + field.name);
    }
    const auto root = nlohmann::json::parse(text, nullptr, false);
    if (!root.is_object())
        return keys;
    for (const auto& [key, value] : root.items()) {
        keys.insert(scenarios::printable_key(key));
        if (key == "config" && value.is_object()) {
            for (const auto& [name, ignored] : value.items())
                keys.insert("config." + scenarios::printable_key(name));
        }
    }
    return keys;
}

void check_rejection(std::string_view text, const std::string& message)
{
    if (message.starts_with("not valid JSON: ")) {
        const bool line_and_column =
            message.find(" at line ") != std::string::npos && message.find(", column ") != std::string::npos;
        if (!line_and_column && !message.starts_with("not valid JSON: at byte "))
            broken(kTarget, "a JSON syntax error without its line and column or byte: " + message);
        return;
    }
    if (message.starts_with("must be a JSON object, got ")) // the root itself: there is no key to name
        return;
    for (const std::string& key : nameable_keys(text)) {
        const std::string prefix = key + ": ";
        if (message.starts_with(prefix) && message.size() > prefix.size())
            return;
    }
    broken(kTarget, "a rejection that names no key of the file: " + message);
}

void check_acceptance(const ScenarioDocument& document)
{
    const scenarios::Scenario* scenario = scenarios::find_scenario(document.scenario);
    if (!scenario)
        broken(kTarget, "accepted an unknown scenario: " + document.scenario);
    if (const auto errors = scenarios::validate_config(scenario->fields(), document.config, scenario->id());
        !errors.empty())
        broken(kTarget, std::string("accepted a config that does not validate: ") + errors.front().what());
    if (document.config.size() != scenario->fields().size())
        broken(kTarget, "accepted an incomplete config: " + document.config.dump());
    if (scenarios::complete_config(*scenario, document.config) != document.config)
        broken(kTarget, "completing the accepted config changes it: " + document.config.dump());
    const std::string formatted = scenarios::format_scenario_file(document);
    ScenarioDocument again;
    try {
        again = scenarios::parse_scenario_file(formatted);
    } catch (const ScenarioFileError& e) {
        broken(kTarget, std::string("the formatted file is rejected: ") + e.what() + "\n" + formatted);
    }
    if (again.scenario != document.scenario || again.title != document.title || again.config != document.config)
        broken(kTarget, "the formatted file reads back different:\n" + formatted);
}

} // namespace

Verdict check_scenario_file(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    ScenarioDocument document;
    try {
        document = scenarios::parse_scenario_file(text);
    } catch (const ScenarioFileError& e) {
        check_rejection(text, e.what());
        return Verdict::Rejected;
    }
    check_acceptance(document);
    return Verdict::Accepted;
}

} // namespace forkscope::fuzz
