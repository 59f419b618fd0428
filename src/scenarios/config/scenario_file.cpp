#include "scenarios/config/scenario_file.h"

#include "scenarios/config/json_offset.h"
#include "scenarios/programs/programs.h"
#include "scenarios/scenario.h"

namespace forkscope::scenarios {

namespace {

constexpr const char* kFormat = "forkscope-scenario";

const nlohmann::json& member(const nlohmann::json& object, const char* key, nlohmann::json::value_t type,
                             const char* expected)
{
    const auto it = object.find(key);
    if (it == object.end())
        throw ScenarioFileError(std::string(key) + ": missing");
    if (it->type() != type)
        throw ScenarioFileError(std::string(key) + ": must be " + expected + ", got " + it->dump());
    return *it;
}

} // namespace

ScenarioDocument parse_scenario_file(std::string_view text)
{
    nlohmann::json root;
    try {
        root = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw ScenarioFileError(std::string("not valid JSON: ") + e.what());
    } catch (const nlohmann::json::out_of_range& e) { // a number beyond a double's range
        throw ScenarioFileError("not valid JSON: at byte " + std::to_string(json_error_offset(text)) + ": " + e.what());
    }
    if (!root.is_object())
        throw ScenarioFileError("must be a JSON object, got " + std::string(root.type_name()));
    for (const auto& [key, value] : root.items()) {
        if (key != "format" && key != "version" && key != "scenario" && key != "title" && key != "config")
            throw ScenarioFileError(printable_key(key) +
                                    ": unknown key (expected format, version, scenario, title, config)");
    }
    if (member(root, "format", nlohmann::json::value_t::string, "a string") != kFormat)
        throw ScenarioFileError(std::string("format: must be \"") + kFormat + "\", got " + root["format"].dump());
    const auto& version = root.find("version");
    if (version == root.end())
        throw ScenarioFileError("version: missing");
    if (!version->is_number_integer() || version->get<std::int64_t>() < 1)
        throw ScenarioFileError("version: must be a positive whole number, got " + version->dump());
    if (version->get<std::int64_t>() > kScenarioFileVersion)
        throw ScenarioFileError("version: " + version->dump() + " is newer than this ForkScope reads (" +
                                std::to_string(kScenarioFileVersion) + ")");

    ScenarioDocument document;
    document.scenario = member(root, "scenario", nlohmann::json::value_t::string, "a string").get<std::string>();
    const Scenario* scenario = find_scenario(document.scenario);
    if (!scenario)
        throw ScenarioFileError("scenario: unknown scenario '" + document.scenario + "' (known: " + scenario_ids() +
                                ")");
    if (const auto title = root.find("title"); title != root.end()) {
        if (!title->is_string())
            throw ScenarioFileError("title: must be a string, got " + title->dump());
        document.title = title->get<std::string>();
    }
    const auto config = root.find("config");
    if (config == root.end())
        throw ScenarioFileError("config: missing");
    if (!config->is_object()) // checked here: validate_config would name it "config" inside config
        throw ScenarioFileError("config: must be an object of fields, got " + std::string(config->type_name()));
    try {
        document.config = complete_config(*scenario, *config);
    } catch (const ConfigError& e) {
        throw ScenarioFileError(std::string("config.") + e.what());
    }
    return document;
}

std::string format_scenario_file(const ScenarioDocument& document)
{
    nlohmann::ordered_json root;
    root["format"] = kFormat;
    root["version"] = kScenarioFileVersion;
    root["scenario"] = document.scenario;
    if (!document.title.empty())
        root["title"] = document.title;
    nlohmann::ordered_json config = nlohmann::ordered_json::object();
    // Field order, not alphabetical: the file reads like the dialog.
    if (const Scenario* scenario = find_scenario(document.scenario)) {
        for (const auto& field : scenario->fields()) {
            if (document.config.contains(field.name))
                config[field.name] = document.config[field.name];
        }
    }
    root["config"] = config;
    return root.dump(2) + "\n";
}

} // namespace forkscope::scenarios
