#pragma once

// Where JSON text goes wrong. nlohmann's parse() reports most errors with their position, but a
// number too large for a double (1e999) as an out_of_range exception without one: readers that
// name the offset of every problem ask here.

#include <cstddef>
#include <string_view>

namespace forkscope::scenarios {

// The byte count read when parsing stopped at the first error (as json::parse_error::byte
// counts), or text.size() when the text is valid JSON.
[[nodiscard]] std::size_t json_error_offset(std::string_view text);

} // namespace forkscope::scenarios
