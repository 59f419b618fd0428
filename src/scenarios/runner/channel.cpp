#include "scenarios/runner/channel.h"

#include "core/errors.h"

#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace forkscope::protocol {

SocketPair make_socket_pair()
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) != 0)
        core::throw_errno("socketpair");
    return {core::UniqueFd(fds[0]), core::UniqueFd(fds[1])};
}

void send_message(int fd, const Message& message, int pass_fd)
{
    if (pass_fd < 0)
        send_message(fd, message, std::span<const int>{});
    else
        send_message(fd, message, std::span<const int>(&pass_fd, 1));
}

void send_message(int fd, const Message& message, std::span<const int> pass_fds)
{
    if (pass_fds.size() > kMaxPassedFds)
        throw std::invalid_argument("send_message: at most 2 descriptors a message");
    const std::vector<std::byte> frame = encode(message);
    iovec iov{const_cast<std::byte*>(frame.data()), frame.size()};
    msghdr header{};
    header.msg_iov = &iov;
    header.msg_iovlen = 1;
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxPassedFds)] = {};
    if (!pass_fds.empty()) {
        header.msg_control = control;
        header.msg_controllen = CMSG_SPACE(sizeof(int) * pass_fds.size());
        cmsghdr* cmsg = CMSG_FIRSTHDR(&header);
        cmsg->cmsg_level = SOL_SOCKET;
        cmsg->cmsg_type = SCM_RIGHTS;
        cmsg->cmsg_len = CMSG_LEN(sizeof(int) * pass_fds.size());
        std::memcpy(CMSG_DATA(cmsg), pass_fds.data(), sizeof(int) * pass_fds.size());
    }
    for (;;) {
        const ssize_t n = ::sendmsg(fd, &header, MSG_NOSIGNAL);
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
        iovec iov{buffer.data(), buffer.size()};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxPassedFds)];
        msghdr header{};
        header.msg_iov = &iov;
        header.msg_iovlen = 1;
        header.msg_control = control;
        header.msg_controllen = sizeof control;
        const ssize_t n = ::recvmsg(fd, &header, (wait ? 0 : MSG_DONTWAIT) | MSG_TRUNC | MSG_CMSG_CLOEXEC);
        std::array<core::UniqueFd, kMaxPassedFds> passed;
        if (n >= 0) {
            // Every descriptor received is owned at once, so none leaks, even from a bad message.
            std::size_t next = 0;
            for (cmsghdr* c = CMSG_FIRSTHDR(&header); c; c = CMSG_NXTHDR(&header, c)) {
                if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS || c->cmsg_len < CMSG_LEN(0))
                    continue;
                const std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
                for (std::size_t i = 0; i < count; ++i) {
                    int received = -1;
                    std::memcpy(&received, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
                    core::UniqueFd owned(received);
                    if (next < passed.size())
                        passed[next++] = std::move(owned);
                }
            }
        }
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return {ReceiveStatus::WouldBlock, std::nullopt, {}, {}};
            if (errno == ECONNRESET)
                return {ReceiveStatus::Closed, std::nullopt, {}, {}};
            core::throw_errno("recv");
        }
        if (n == 0)
            return {ReceiveStatus::Closed, std::nullopt, {}, {}};
        if (static_cast<std::size_t>(n) > kMaxFrameSize)
            return {ReceiveStatus::Malformed,
                    std::nullopt,
                    "record of " + std::to_string(n) + " bytes exceeds the frame limit of " +
                        std::to_string(kMaxFrameSize),
                    {}};
        Decoded decoded = decode(std::span<const std::byte>(buffer.data(), static_cast<std::size_t>(n)));
        if (!decoded.message)
            return {ReceiveStatus::Malformed, std::nullopt, std::move(decoded.error), {}};
        return {ReceiveStatus::Ok, std::move(decoded.message), {}, std::move(passed)};
    }
}

} // namespace forkscope::protocol
