#pragma once

// Frames over an AF_UNIX SOCK_SEQPACKET socket: one protocol message per record, so a record is
// never split or merged, and several processes may write to one socket without interleaving.

#include "core/unique_fd.h"
#include "scenarios/runner/protocol.h"

#include <array>
#include <optional>
#include <span>
#include <string>

namespace forkscope::protocol {

// A connected SOCK_SEQPACKET pair, both ends close-on-exec.
struct SocketPair {
    core::UniqueFd first;
    core::UniqueFd second;
};
[[nodiscard]] SocketPair make_socket_pair();

inline constexpr std::size_t kMaxPassedFds = 2;

// Sends one message, blocking until the socket takes it, with up to kMaxPassedFds descriptors
// passed along (SCM_RIGHTS). Throws std::system_error (EPIPE when the peer has gone); never
// raises SIGPIPE.
void send_message(int fd, const Message& message, std::span<const int> pass_fds = {});
// The same with one descriptor, or none when `pass_fd` < 0.
void send_message(int fd, const Message& message, int pass_fd);

enum class ReceiveStatus { Ok, WouldBlock, Closed, Malformed };

struct Received {
    ReceiveStatus status = ReceiveStatus::WouldBlock;
    std::optional<Message> message;
    std::string error; // for Malformed
    // The descriptors that came with the message, in the order sent, close-on-exec.
    std::array<core::UniqueFd, kMaxPassedFds> passed;
};

// Reads one record. With `wait` false it returns WouldBlock instead of blocking.
[[nodiscard]] Received receive_message(int fd, bool wait);

} // namespace forkscope::protocol
