#include "scenarios/programs/worker_deaths.h"

#include "core/errors.h"
#include "core/process.h"

#include <algorithm>

namespace forkscope::scenarios {

void WorkerDeaths::note(const core::Process& process, std::string what)
{
    const std::optional<int> code = process.exitcode();
    if (code && *code != 0)
        note_ended(process.pid(), process.name(), process.role(), *code, std::move(what));
}

void WorkerDeaths::note_ended(pid_t pid, std::string name, std::string role, int exitcode, std::string what)
{
    if (contains(pid))
        return;
    deaths_.push_back({pid, std::move(name), std::move(role), core::exit_description(exitcode), std::move(what)});
}

bool WorkerDeaths::add_what(pid_t pid, const std::string& what)
{
    auto it = std::find_if(deaths_.begin(), deaths_.end(), [pid](const Death& d) { return d.pid == pid; });
    if (it == deaths_.end())
        return false;
    it->what += (it->what.empty() ? "" : ", ") + what;
    return true;
}

bool WorkerDeaths::contains(pid_t pid) const noexcept
{
    return std::any_of(deaths_.begin(), deaths_.end(), [pid](const Death& d) { return d.pid == pid; });
}

nlohmann::json WorkerDeaths::json() const
{
    nlohmann::json out = nlohmann::json::array();
    for (const Death& d : deaths_)
        out.push_back({{"pid", d.pid}, {"name", d.name}, {"role", d.role}, {"how", d.how}, {"what", d.what}});
    return out;
}

std::string WorkerDeaths::text() const
{
    if (deaths_.empty())
        return "none";
    std::string out;
    for (const Death& d : deaths_) {
        if (!out.empty())
            out += "; ";
        out += d.name + " (pid " + std::to_string(d.pid) + ") " + d.how;
        if (!d.what.empty())
            out += " " + d.what;
    }
    return out;
}

} // namespace forkscope::scenarios
