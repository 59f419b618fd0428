#include "core/errors.h"

#include <cerrno>
#include <cstring>
#include <string.h>

namespace forkscope::core {

void throw_errno(std::string_view what)
{
    throw std::system_error(errno, std::generic_category(), std::string(what));
}

std::string errno_text(int error)
{
    const char* name = ::strerrorname_np(error);
    std::string text = name ? name : "errno " + std::to_string(error);
    return text + " (" + std::strerror(error) + ")";
}

std::string signal_name(int signal)
{
    const char* abbrev = ::sigabbrev_np(signal);
    return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(signal);
}

std::string exit_description(int exitcode)
{
    return exitcode < 0 ? "was killed by " + signal_name(-exitcode) : "exited with code " + std::to_string(exitcode);
}

} // namespace forkscope::core
