#include "scenarios/runner/protocol.h"

#include <cstring>
#include <type_traits>

namespace forkscope::protocol {

namespace {

template <class T>
concept WireInteger = std::is_integral_v<T> && !std::is_same_v<T, bool>;

class Writer {
public:
    explicit Writer(std::vector<std::byte>& out) : out_(out) {}

    template <WireInteger T>
    void operator()(const T& value, const char*)
    {
        using U = std::make_unsigned_t<T>;
        const U u = static_cast<U>(value);
        for (std::size_t i = 0; i < sizeof(T); ++i)
            out_.push_back(static_cast<std::byte>((u >> (8 * i)) & 0xffu));
    }
    void operator()(const bool& value, const char* name) { (*this)(std::uint8_t{value}, name); }
    void operator()(const Outcome& value, const char* name) { (*this)(static_cast<std::uint8_t>(value), name); }
    void operator()(const std::string& value, const char* name)
    {
        (*this)(static_cast<std::uint32_t>(value.size()), name);
        const auto* bytes = reinterpret_cast<const std::byte*>(value.data());
        out_.insert(out_.end(), bytes, bytes + value.size());
    }

private:
    std::vector<std::byte>& out_;
};

class Reader {
public:
    Reader(std::span<const std::byte> frame, std::size_t offset, const char* message)
        : frame_(frame), offset_(offset), message_(message)
    {}

    [[nodiscard]] bool ok() const { return error_.empty(); }
    [[nodiscard]] const std::string& error() const { return error_; }
    [[nodiscard]] std::size_t offset() const { return offset_; }

    template <WireInteger T>
    void operator()(T& value, const char* name)
    {
        if (!need(sizeof(T), name))
            return;
        std::make_unsigned_t<T> u = 0;
        for (std::size_t i = 0; i < sizeof(T); ++i)
            u |= static_cast<std::make_unsigned_t<T>>(std::to_integer<unsigned>(frame_[offset_ + i])) << (8 * i);
        value = static_cast<T>(u);
        offset_ += sizeof(T);
    }
    void operator()(bool& value, const char* name)
    {
        std::uint8_t raw = 0;
        const std::size_t at = offset_;
        (*this)(raw, name);
        if (ok() && raw > 1)
            fail(at, name, "must be 0 or 1, got " + std::to_string(raw));
        value = raw == 1;
    }
    void operator()(Outcome& value, const char* name)
    {
        std::uint8_t raw = 0;
        const std::size_t at = offset_;
        (*this)(raw, name);
        if (ok() && raw > kMaxOutcome)
            fail(at, name, "unknown outcome " + std::to_string(raw));
        value = static_cast<Outcome>(raw);
    }
    void operator()(std::string& value, const char* name)
    {
        std::uint32_t size = 0;
        const std::size_t at = offset_;
        (*this)(size, name);
        if (!ok())
            return;
        if (frame_.size() - offset_ < size) {
            fail(at, name,
                 "length " + std::to_string(size) + " runs past the end of the frame (" +
                     std::to_string(frame_.size() - offset_) + " bytes left)");
            return;
        }
        value.assign(reinterpret_cast<const char*>(frame_.data() + offset_), size);
        offset_ += size;
    }

private:
    bool need(std::size_t bytes, const char* name)
    {
        if (!ok())
            return false;
        if (frame_.size() - offset_ < bytes) {
            fail(offset_, name,
                 "truncated: needs " + std::to_string(bytes) + " bytes, " + std::to_string(frame_.size() - offset_) +
                     " left");
            return false;
        }
        return true;
    }
    void fail(std::size_t at, const char* name, const std::string& what)
    {
        error_ = std::string(message_) + "." + name + " at offset " + std::to_string(at) + ": " + what;
    }

    std::span<const std::byte> frame_;
    std::size_t offset_;
    const char* message_;
    std::string error_;
};

template <class M>
const char* name_of()
{
    switch (M::kType) {
    case MessageType::RunRequest: return "RunRequest";
    case MessageType::StopRun: return "StopRun";
    case MessageType::RunStarted: return "RunStarted";
    case MessageType::ProcessStarted: return "ProcessStarted";
    case MessageType::ProcessExited: return "ProcessExited";
    case MessageType::ProcessJoined: return "ProcessJoined";
    case MessageType::LogLine: return "LogLine";
    case MessageType::RunFinished: return "RunFinished";
    case MessageType::Error: return "Error";
    case MessageType::RunResult: return "RunResult";
    case MessageType::ChildStarted: return "ChildStarted";
    case MessageType::ChildJoined: return "ChildJoined";
    case MessageType::MainFinished: return "MainFinished";
    }
    return "?";
}

template <class M>
Decoded decode_payload(std::span<const std::byte> frame)
{
    M message;
    Reader reader(frame, kHeaderSize, name_of<M>());
    M::fields(message, reader);
    if (!reader.ok())
        return {std::nullopt, reader.error()};
    if (reader.offset() != frame.size())
        return {std::nullopt, std::string(name_of<M>()) + ": " + std::to_string(frame.size() - reader.offset()) +
                                  " unexpected bytes at offset " + std::to_string(reader.offset())};
    return {Message{std::move(message)}, {}};
}

// One decoder per alternative, found by its wire type.
template <std::size_t I = 0>
Decoded decode_type(std::uint16_t type, std::span<const std::byte> frame)
{
    if constexpr (I == std::variant_size_v<Message>) {
        return {std::nullopt, "unknown message type " + std::to_string(type) + " at offset 6"};
    } else {
        using M = std::variant_alternative_t<I, Message>;
        if (type == static_cast<std::uint16_t>(M::kType))
            return decode_payload<M>(frame);
        return decode_type<I + 1>(type, frame);
    }
}

} // namespace

std::vector<std::byte> encode(const Message& message)
{
    std::vector<std::byte> out;
    out.reserve(64);
    Writer writer(out);
    std::visit(
        [&](const auto& m) {
            using M = std::decay_t<decltype(m)>;
            writer(std::uint32_t{0}, "length"); // patched below
            writer(kVersion, "version");
            writer(static_cast<std::uint16_t>(M::kType), "type");
            M::fields(m, writer);
        },
        message);
    const auto length = static_cast<std::uint32_t>(out.size());
    for (std::size_t i = 0; i < 4; ++i)
        out[i] = static_cast<std::byte>((length >> (8 * i)) & 0xffu);
    return out;
}

Decoded decode(std::span<const std::byte> frame)
{
    if (frame.size() < kHeaderSize)
        return {std::nullopt, "frame of " + std::to_string(frame.size()) + " bytes is shorter than the " +
                                  std::to_string(kHeaderSize) + "-byte header"};
    if (frame.size() > kMaxFrameSize)
        return {std::nullopt, "frame of " + std::to_string(frame.size()) + " bytes exceeds the limit of " +
                                  std::to_string(kMaxFrameSize)};
    Reader header(frame, 0, "header");
    std::uint32_t length = 0;
    std::uint16_t version = 0;
    std::uint16_t type = 0;
    header(length, "length");
    header(version, "version");
    header(type, "type");
    if (length != frame.size())
        return {std::nullopt, "header.length at offset 0 says " + std::to_string(length) + " bytes, frame has " +
                                  std::to_string(frame.size())};
    if (version != kVersion)
        return {std::nullopt, "header.version at offset 4: protocol version " + std::to_string(version) +
                                  " is not supported (expected " + std::to_string(kVersion) + ")"};
    return decode_type(type, frame);
}

const char* type_name(const Message& message)
{
    return std::visit([](const auto& m) { return name_of<std::decay_t<decltype(m)>>(); }, message);
}

} // namespace forkscope::protocol
