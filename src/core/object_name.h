#pragma once

// An object's name as an ObjectNamed event carries it: up to 16 bytes of UTF-8 in the event's
// task and value fields, padded with NULs. A longer name is cut at a character boundary. The
// writer (RingTelemetry) and the readers (the front end's Recording, tests) pack and unpack it
// here, so the layout is written once.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace forkscope::core {

inline constexpr std::size_t kMaxObjectNameBytes = sizeof(std::uint64_t) + sizeof(std::int64_t);

struct PackedName {
    std::uint64_t task = 0;
    std::int64_t value = 0;
};

inline PackedName pack_object_name(std::string_view name) noexcept
{
    // A UTF-8 continuation byte (10xxxxxx) never starts what is cut off.
    std::size_t size = std::min(name.size(), kMaxObjectNameBytes);
    while (size < name.size() && size > 0 && (static_cast<unsigned char>(name[size]) & 0xC0) == 0x80)
        --size;
    char bytes[kMaxObjectNameBytes] = {};
    std::memcpy(bytes, name.data(), size);
    PackedName packed;
    std::memcpy(&packed.task, bytes, sizeof packed.task);
    std::memcpy(&packed.value, bytes + sizeof packed.task, sizeof packed.value);
    return packed;
}

inline std::string unpack_object_name(std::uint64_t task, std::int64_t value)
{
    char bytes[kMaxObjectNameBytes];
    std::memcpy(bytes, &task, sizeof task);
    std::memcpy(bytes + sizeof task, &value, sizeof value);
    return std::string(bytes, ::strnlen(bytes, sizeof bytes));
}

} // namespace forkscope::core
