// The protocol decoder's contract: a rejected frame is named by its size (too short, too long)
// or by an offset inside it; an accepted frame is the one encoding of its message, byte for byte.

#include "fuzz_checks.h"

#include "scenarios/runner/protocol.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <span>
#include <string_view>

namespace forkscope::fuzz {

namespace {

constexpr const char* kTarget = "protocol";

// The offset named in "… at offset N…", if any.
std::optional<std::size_t> named_offset(std::string_view message)
{
    constexpr std::string_view kAt = " at offset ";
    const auto at = message.find(kAt);
    if (at == std::string_view::npos)
        return std::nullopt;
    const char* first = message.data() + at + kAt.size();
    std::size_t offset = 0;
    const auto [end, ec] = std::from_chars(first, message.data() + message.size(), offset);
    if (ec != std::errc() || end == first)
        return std::nullopt;
    return offset;
}

void check_rejection(const std::string& message, std::size_t size)
{
    if (message.starts_with("frame of " + std::to_string(size) + " bytes "))
        return; // the frame's size itself is what is wrong
    const auto offset = named_offset(message);
    if (!offset)
        broken(kTarget, "a rejection that names no offset: " + message);
    if (*offset > size)
        broken(kTarget, "a rejection naming offset " + std::to_string(*offset) + " of a " + std::to_string(size) +
                            "-byte frame: " + message);
}

} // namespace

Verdict check_protocol(const std::uint8_t* data, std::size_t size)
{
    const std::span<const std::byte> frame(reinterpret_cast<const std::byte*>(data), size);
    const protocol::Decoded decoded = protocol::decode(frame);
    if (!decoded.message) {
        if (decoded.error.empty())
            broken(kTarget, "a rejection without a message");
        check_rejection(decoded.error, size);
        return Verdict::Rejected;
    }
    if (!decoded.error.empty())
        broken(kTarget, "an accepted frame with an error: " + decoded.error);
    // Every field has one encoding, so an accepted frame re-encodes to itself.
    const auto encoded = protocol::encode(*decoded.message);
    if (!std::equal(encoded.begin(), encoded.end(), frame.begin(), frame.end()))
        broken(kTarget, std::string(protocol::type_name(*decoded.message)) + " re-encodes to other bytes");
    const protocol::Decoded again = protocol::decode(encoded);
    if (!again.message || !(*again.message == *decoded.message))
        broken(kTarget, std::string(protocol::type_name(*decoded.message)) + " does not decode equal: " + again.error);
    return Verdict::Accepted;
}

} // namespace forkscope::fuzz
