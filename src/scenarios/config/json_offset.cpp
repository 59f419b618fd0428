#include "scenarios/config/json_offset.h"

#include <nlohmann/json.hpp>

namespace forkscope::scenarios {

namespace {

// Builds nothing, only notes where the parser gave up.
class ErrorOffset : public nlohmann::json_sax<nlohmann::json> {
public:
    std::size_t offset = 0;
    bool failed = false;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::json::exception&) override
    {
        offset = position;
        failed = true;
        return false;
    }
};

} // namespace

std::size_t json_error_offset(std::string_view text)
{
    ErrorOffset sax;
    (void)nlohmann::json::sax_parse(text, &sax);
    return sax.failed ? sax.offset : text.size();
}

} // namespace forkscope::scenarios
