#pragma once

#include <string>
#include <string_view>
#include <system_error>

namespace forkscope::core {

// Throws std::system_error for the current errno, with `what` naming the call that failed.
[[noreturn]] void throw_errno(std::string_view what);

// "EAGAIN (Resource temporarily unavailable)"-style text for an errno value.
[[nodiscard]] std::string errno_text(int error);

// "SIGTERM", "SIGKILL", … or "signal 42" for a signal number.
[[nodiscard]] std::string signal_name(int signal);

// How a process ended, from its exit code (Process::exitcode(): the code, or -signal):
// "was killed by SIGKILL", "exited with code 3".
[[nodiscard]] std::string exit_description(int exitcode);

} // namespace forkscope::core
