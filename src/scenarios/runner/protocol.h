#pragma once

// The fork server's message protocol, shared by the front ends (GUI, CLI), the fork server and
// the run supervisors. Every message is one frame, sent as one SOCK_SEQPACKET record:
//
//   0        4          6       8
//   | length | version  | type  | payload (fields in declaration order) ...
//     u32 LE   u16 LE     u16 LE
//
// length counts the whole frame. Integers are little-endian, strings are a u32 byte count and
// the bytes, bools one byte (0/1). A decoder rejects frames that are short, long, of another
// version or type, or whose fields run past the end or leave bytes over, naming the offset.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace forkscope::protocol {

inline constexpr std::uint16_t kVersion = 3; // 2: RunStarted carries the telemetry memfd; 3: RunResult
inline constexpr std::size_t kHeaderSize = 8;
inline constexpr std::size_t kMaxFrameSize = 64 * 1024;

enum class MessageType : std::uint16_t {
    RunRequest = 1,
    StopRun = 2,
    RunStarted = 16,
    ProcessStarted = 17,
    ProcessExited = 18,
    ProcessJoined = 19,
    LogLine = 20,
    RunFinished = 21,
    Error = 22,
    RunResult = 23,
    // Inside a run only: the scenario's main process -> its supervisor (never sent to a front end).
    ChildStarted = 32,
    ChildJoined = 33,
    MainFinished = 34,
};

enum class Outcome : std::uint8_t { Completed = 0, Stopped = 1, Failed = 2, Killed = 3 };
inline constexpr std::uint8_t kMaxOutcome = 3;

// Front end -> fork server: start a scenario. config_json is the scenario's config object.
struct RunRequest {
    static constexpr MessageType kType = MessageType::RunRequest;
    std::uint32_t request_id = 0;
    std::string scenario;
    std::string config_json;
    template <class Self, class V>
    static void fields(Self& s, V& v)
    {
        v(s.request_id, "request_id");
        v(s.scenario, "scenario");
        v(s.config_json, "config_json");
    }
    bool operator==(const RunRequest&) const = default;
};

// Front end -> fork server: terminate a run's workers (SIGTERM, SIGKILL after a grace period).
struct StopRun {
    static constexpr MessageType kType = MessageType::StopRun;
    std::uint32_t run_id = 0;
    template <class Self, class V>
    static void fields(Self& s, V& v)
    {
        v(s.run_id, "run_id");
    }
    bool operator==(const StopRun&) const = default;
};

// Supervisor -> front end, first message of a run: the scenario's main process (the workers'
// parent, Python's MainProcess) and its parent, the run's supervisor. The run's telemetry memory
// (RunArena) comes with it as a descriptor (SCM_RIGHTS).
struct RunStarted {
    static constexpr MessageType kType = MessageType::RunStarted;
    std::uint32_t request_id = 0;
    std::uint32_t run_id = 0;
    std::int32_t main_pid = 0;
    std::int32_t main_ppid = 0;
    std::int64_t t_ns = 0; // CLOCK_MONOTONIC
    template <class Self, class V>
    static void fields(Self& s, V& v)
    {
        v(s.request_id, "request_id");
        v(s.run_id, "run_id");
        v(s.main_pid, "main_pid");
        v(s.main_ppid, "main_ppid");
        v(s.t_ns, "t_ns");
    }
    bool operator==(const RunStarted&) const = default;
};

struct ProcessStarted {
    static constexpr MessageType kType = MessageType::ProcessStarted;
    std::uint32_t run_id = 0;
    std::int32_t pid = 0;
    std::int32_t ppid = 0;
    std::int64_t t_ns = 0;
    bool daemon = false;
    std::string name;
    std::string role;
    template <class Self, class V>
    static void fields(Self& s, V& v)
    {
        v(s.run_id, "run_id");
        v(s.pid, "pid");
        v(s.ppid, "ppid");
        v(s.t_ns, "t_ns");
        v(s.daemon, "daemon");
        v(s.name, "name");
        v(s.role, "role");
    }
    bool operator==(const ProcessStarted&) const = default;
};

// The process has exited (it is a zombie until its parent joins it). exitcode as in Python:
// the exit status, or -N when signal N ended it.
struct ProcessExited {
    static constexpr MessageType kType = MessageType::ProcessExited;
    std::uint32_t run_id = 0;
    std::int32_t pid = 0;
    std::int32_t exitcode = 0;
    std::int64_t t_ns = 0;
    template <class Self, class V>
    static void fields(Self& s, V& v)
    {
        v(s.run_id, "run_id");
        v(s.pid, "pid");
        v(s.exitcode, "exitcode");
        v(s.t_ns, "t_ns");
    }
    bool operator==(const ProcessExited&) const = default;
};

// The parent has reaped (joined) the process.
struct ProcessJoined {
    static constexpr MessageType kType = MessageType::ProcessJoined;
    std::uint32_t run_id = 0;
    std::int32_t pid = 0;
    std::int64_t t_ns = 0;
    template <class Self, class V>
    static void fields(Self& s, V& v)
    {
        v(s.run_id, "run_id");
        v(s.pid, "pid");
        v(s.t_ns, "t_ns");
    }
    bool operator==(const ProcessJoined&) const = default;
};

// One line a process wrote to stdout or stderr (for the main process: what it logged).
struct LogLine {
    static constexpr MessageType kType = MessageType::LogLine;
    std::uint32_t run_id = 0;
    std::int32_t pid = 0;
    std::int64_t t_ns = 0;
    std::string text;
    template <class Self, class V>
    static void fields(Self& s, V& v)
    {
        v(s.run_id, "run_id");
        v(s.pid, "pid");
        v(s.t_ns, "t_ns");
        v(s.text, "text");
    }
    bool operator==(const LogLine&) const = default;
};

struct RunFinished {
    static constexpr MessageType kType = MessageType::RunFinished;
    std::uint32_t run_id = 0;
    Outcome outcome = Outcome::Completed;
    std::int64_t t_ns = 0;
    std::int64_t wall_ns = 0; // main program start to last child reaped
    std::string message; // why, when not Completed
    template <class Self, class V>
    static void fields(Self& s, V& v)
    {
        v(s.run_id, "run_id");
        v(s.outcome, "outcome");
        v(s.t_ns, "t_ns");
        v(s.wall_ns, "wall_ns");
        v(s.message, "message");
    }
    bool operator==(const RunFinished&) const = default;
};

// What the scenario's main program concluded (tickets sold against the stock, a speedup table…),
// as a JSON object; sent before RunFinished. Front ends show its "summary" rows and "table".
struct RunResult {
    static constexpr MessageType kType = MessageType::RunResult;
    std::uint32_t run_id = 0;
    std::int64_t t_ns = 0;
    std::string result_json;
    template <class Self, class V>
    static void fields(Self& s, V& v)
    {
        v(s.run_id, "run_id");
        v(s.t_ns, "t_ns");
        v(s.result_json, "result_json");
    }
    bool operator==(const RunResult&) const = default;
};

// A request was refused (request_id set) or a message could not be understood.
struct Error {
    static constexpr MessageType kType = MessageType::Error;
    std::uint32_t request_id = 0;
    std::uint32_t run_id = 0;
    std::string message;
    template <class Self, class V>
    static void fields(Self& s, V& v)
    {
        v(s.request_id, "request_id");
        v(s.run_id, "run_id");
        v(s.message, "message");
    }
    bool operator==(const Error&) const = default;
};

// Main process -> supervisor: a child was forked, and the telemetry ring it got (UINT32_MAX:
// none). Its output pipe's read end and a pidfd come with it (SCM_RIGHTS), so the supervisor reads
// its output and sees its exit from then on; it relays the ProcessStarted part to the front end.
struct ChildStarted : ProcessStarted {
    static constexpr MessageType kType = MessageType::ChildStarted;
    std::uint32_t ring = 0;
    template <class Self, class V>
    static void fields(Self& s, V& v)
    {
        ProcessStarted::fields(s, v);
        v(s.ring, "ring");
    }
    bool operator==(const ChildStarted&) const = default;
};

// Main process -> supervisor: a child was reaped (joined), with its exit code, which the
// supervisor cannot read once the zombie is gone.
struct ChildJoined : ProcessJoined {
    static constexpr MessageType kType = MessageType::ChildJoined;
    std::int32_t exitcode = 0;
    template <class Self, class V>
    static void fields(Self& s, V& v)
    {
        ProcessJoined::fields(s, v);
        v(s.exitcode, "exitcode");
    }
    bool operator==(const ChildJoined&) const = default;
};

// Main process -> supervisor: the scenario's main program has returned (Completed) or failed
// (then the supervisor terminates the workers left), before the main process joins its children.
struct MainFinished {
    static constexpr MessageType kType = MessageType::MainFinished;
    Outcome outcome = Outcome::Completed;
    std::string message;
    template <class Self, class V>
    static void fields(Self& s, V& v)
    {
        v(s.outcome, "outcome");
        v(s.message, "message");
    }
    bool operator==(const MainFinished&) const = default;
};

using Message = std::variant<RunRequest, StopRun, RunStarted, ProcessStarted, ProcessExited, ProcessJoined, LogLine,
                             RunFinished, Error, RunResult, ChildStarted, ChildJoined, MainFinished>;

[[nodiscard]] std::vector<std::byte> encode(const Message& message);

struct Decoded {
    std::optional<Message> message;
    std::string error; // set when message is empty: what is wrong, and at which offset
};
[[nodiscard]] Decoded decode(std::span<const std::byte> frame);

[[nodiscard]] const char* type_name(const Message& message);

} // namespace forkscope::protocol
