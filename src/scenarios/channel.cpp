#include "scenarios/channel.h"

#include "core/errors.h"

#include <sys/socket.h>

#include <cerrno>
#include <vector>

namespace forkscope::protocol {

SocketPair make_socket_pair()
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) != 0)
        core::throw_errno("socketpair");
    return {core::UniqueFd(fds[0]), core::UniqueFd(fds[1])};
}

void send_message(int fd, const Message& message)
{
    const std::vector<std::byte> frame = encode(message);
    for (;;) {
        const ssize_t n = ::send(fd, frame.data(), frame.size(), MSG_NOSIGNAL);
        if (n == static_cast<ssize_t>(frame.size()))
            return;
        if (n < 0 && errno == EINTR)
            continue;
        if (n >= 0)
            errno = EMSGSIZE; // a seqpacket record is all or nothing; cannot happen
        core::throw_errno(std::string("send ") + type_name(message));
    }
}

Received receive_message(int fd, bool wait)
{
    // One byte more than the largest frame, so that MSG_TRUNC tells an oversized record.
    static thread_local std::vector<std::byte> buffer(kMaxFrameSize + 1);
    for (;;) {
        const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), (wait ? 0 : MSG_DONTWAIT) | MSG_TRUNC);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return {ReceiveStatus::WouldBlock, std::nullopt, {}};
            if (errno == ECONNRESET)
                return {ReceiveStatus::Closed, std::nullopt, {}};
            core::throw_errno("recv");
        }
        if (n == 0)
            return {ReceiveStatus::Closed, std::nullopt, {}};
        if (static_cast<std::size_t>(n) > kMaxFrameSize)
            return {ReceiveStatus::Malformed, std::nullopt,
                    "record of " + std::to_string(n) + " bytes exceeds the frame limit of " +
                        std::to_string(kMaxFrameSize)};
        Decoded decoded = decode(std::span<const std::byte>(buffer.data(), static_cast<std::size_t>(n)));
        if (!decoded.message)
            return {ReceiveStatus::Malformed, std::nullopt, std::move(decoded.error)};
        return {ReceiveStatus::Ok, std::move(decoded.message), {}};
    }
}

} // namespace forkscope::protocol
