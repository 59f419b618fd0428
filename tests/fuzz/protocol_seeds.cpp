// Writes the protocol fuzz target's seed corpus: one encoded frame per message type, with
// realistic values (strings non-empty, so the fuzzer finds length fields to play with).
//
//   fuzz_protocol_seeds tests/fuzz/corpus/protocol
//
// Run it again when the protocol changes: the regression run fails while a seed no longer decodes.

#include "scenarios/runner/protocol.h"

#include <cstdio>
#include <fstream>
#include <string>

using namespace forkscope::protocol;

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <corpus folder>\n", argv[0]);
        return 2;
    }
    const std::pair<const char*, Message> seeds[] = {
        {"run_request", RunRequest{7, "processes", R"({"workers":2,"work_ms":10})"}},
        {"stop_run", StopRun{1}},
        {"run_started", RunStarted{7, 1, 4242, 4241, 123456789}},
        {"process_started", ProcessStarted{1, 4243, 4242, 123456790, true, "Process-1", "worker"}},
        {"process_exited", ProcessExited{1, 4243, -9, 123456800}},
        {"process_joined", ProcessJoined{1, 4243, 123456801}},
        {"log_line", LogLine{1, 4243, 123456795, "worker 1 done"}},
        {"run_finished", RunFinished{1, Outcome::Stopped, 123456900, 111, "stopped by the user"}},
        {"error", Error{7, 0, "workers: must be 1..256, got 0"}},
        {"run_result", RunResult{1, 123456899, R"({"summary":[["sold","5"]]})"}},
    };
    for (const auto& [name, message] : seeds) {
        const auto frame = encode(message);
        const std::string path = std::string(argv[1]) + "/" + name + ".bin";
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(frame.data()), static_cast<std::streamsize>(frame.size()));
        if (!out) {
            std::fprintf(stderr, "cannot write %s\n", path.c_str());
            return 1;
        }
    }
    return 0;
}
