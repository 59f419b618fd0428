#include "scenarios/config/field.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace forkscope::scenarios {

namespace {

std::string joined(const std::vector<std::string>& items, std::string_view separator)
{
    std::string out;
    for (const auto& item : items) {
        if (!out.empty())
            out += separator;
        out += item;
    }
    return out;
}

std::string range_text(const Field& field)
{
    return std::to_string(field.min) + ".." + std::to_string(field.max);
}

// nlohmann stores non-negative JSON integers as unsigned: compare without overflowing either way.
bool in_range(const Field& field, const nlohmann::json& value)
{
    if (value.is_number_unsigned()) {
        const auto u = value.get<std::uint64_t>();
        return (field.min <= 0 || u >= static_cast<std::uint64_t>(field.min)) && field.max >= 0 &&
               u <= static_cast<std::uint64_t>(field.max);
    }
    const auto i = value.get<std::int64_t>();
    return i >= field.min && i <= field.max;
}

std::string field_names(const std::vector<Field>& fields)
{
    std::vector<std::string> names;
    for (const auto& f : fields)
        names.push_back(f.name);
    return joined(names, ", ");
}

} // namespace

const Field* find_field(const std::vector<Field>& fields, std::string_view name)
{
    for (const auto& f : fields) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

std::string printable_key(std::string_view key)
{
    if (std::none_of(key.begin(), key.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        return std::string(key);
    const std::string quoted =
        nlohmann::json(std::string(key)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return quoted.substr(1, quoted.size() - 2);
}

std::string field_text(const nlohmann::json& value)
{
    return value.is_string() ? value.get<std::string>() : value.dump();
}

nlohmann::json parse_field_text(const Field& field, std::string_view text)
{
    switch (field.kind) {
    case FieldKind::Integer: {
        std::int64_t value = 0;
        const auto* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, value);
        if (text.empty() || ec == std::errc::invalid_argument || ptr != end)
            throw ConfigError(field.name,
                              "must be a whole number in " + range_text(field) + ", got '" + std::string(text) + "'");
        if (ec == std::errc::result_out_of_range)
            throw ConfigError(field.name, "must be " + range_text(field) + ", got " + std::string(text));
        nlohmann::json json = value;
        if (auto problem = check_field_value(field, json); !problem.empty())
            throw ConfigError(field.name, problem);
        return json;
    }
    case FieldKind::Choice: {
        nlohmann::json json = std::string(text);
        if (auto problem = check_field_value(field, json); !problem.empty())
            throw ConfigError(field.name, problem);
        return json;
    }
    case FieldKind::Text: {
        nlohmann::json json = std::string(text);
        if (auto problem = check_field_value(field, json); !problem.empty())
            throw ConfigError(field.name, problem);
        return json;
    }
    case FieldKind::Boolean:
        if (text == "true" || text == "1" || text == "yes" || text == "on")
            return true;
        if (text == "false" || text == "0" || text == "no" || text == "off")
            return false;
        throw ConfigError(field.name, "must be true or false, got '" + std::string(text) + "'");
    }
    return {};
}

std::string check_field_value(const Field& field, const nlohmann::json& value)
{
    switch (field.kind) {
    case FieldKind::Integer:
        if (!value.is_number_integer())
            return "must be a whole number in " + range_text(field) + ", got " + value.dump();
        if (!in_range(field, value))
            return "must be " + range_text(field) + ", got " + value.dump();
        return {};
    case FieldKind::Choice:
        if (!value.is_string())
            return "must be one of " + joined(field.choices, ", ") + "; got " + value.dump();
        for (const auto& choice : field.choices) {
            if (choice == value.get<std::string>())
                return {};
        }
        return "must be one of " + joined(field.choices, ", ") + "; got '" + value.get<std::string>() + "'";
    case FieldKind::Boolean: return value.is_boolean() ? std::string() : "must be true or false, got " + value.dump();
    case FieldKind::Text: {
        if (!value.is_string())
            return "must be text, got " + value.dump();
        const auto& text = value.get_ref<const std::string&>();
        if (std::int64_t(text.size()) > field.max)
            return "must be at most " + std::to_string(field.max) + " bytes long, got " + std::to_string(text.size());
        for (const char c : text) {
            if (static_cast<unsigned char>(c) < 0x20)
                return "must not contain control characters";
        }
        return {};
    }
    }
    return {};
}

nlohmann::json default_config(const std::vector<Field>& fields)
{
    nlohmann::json config = nlohmann::json::object();
    for (const auto& f : fields)
        config[f.name] = parse_field_text(f, f.default_value);
    return config;
}

std::vector<ConfigError> validate_config(const std::vector<Field>& fields, const nlohmann::json& config,
                                         std::string_view owner)
{
    std::vector<ConfigError> errors;
    if (!config.is_object()) {
        errors.emplace_back("config", "must be an object of fields, got " + std::string(config.type_name()));
        return errors;
    }
    for (const auto& [name, value] : config.items()) {
        const Field* field = find_field(fields, name);
        if (!field) {
            errors.emplace_back(printable_key(name), "no such field in scenario '" + std::string(owner) +
                                                         "' (fields: " + field_names(fields) + ")");
            continue;
        }
        if (auto problem = check_field_value(*field, value); !problem.empty())
            errors.emplace_back(name, problem);
    }
    return errors;
}

void apply_assignment(const std::vector<Field>& fields, nlohmann::json& config, std::string_view assignment,
                      std::string_view owner)
{
    const auto eq = assignment.find('=');
    if (eq == std::string_view::npos || eq == 0)
        throw ConfigError(std::string(assignment), "expected field=value");
    const std::string name(assignment.substr(0, eq));
    const Field* field = find_field(fields, name);
    if (!field)
        throw ConfigError(name, "no such field in scenario '" + std::string(owner) +
                                    "' (fields: " + field_names(fields) + ")");
    config[name] = parse_field_text(*field, assignment.substr(eq + 1));
}

} // namespace forkscope::scenarios
