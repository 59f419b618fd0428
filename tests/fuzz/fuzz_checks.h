#pragma once

// What the fuzz targets check for each input, beyond "does not crash". Shared by the libFuzzer
// entry points (fuzz_*.cpp, clang only) and the regression run in the normal suite
// (tst_fuzzcorpus.cpp), so that a finding replays in a g++ build exactly as it was found.
//
// The contract, per parser:
//   - a rejection names what is wrong: a field (its key or path in the file) or a byte offset;
//   - an accepted input round-trips: re-encoded or saved, it reads back equal;
//   - nothing else escapes: no other exception, no sanitizer report.
// A broken contract calls the broken handler, which by default prints why and aborts, so that
// libFuzzer saves the input as a crash.

#include <cstddef>
#include <cstdint>
#include <string>

namespace forkscope::fuzz {

enum class Verdict { Accepted, Rejected };

// A scenario file (scenarios/scenario_file.h) as parse_scenario_file() reads it.
Verdict check_scenario_file(const std::uint8_t* data, std::size_t size);
// One fork-server protocol frame (scenarios/protocol.h) as decode() reads it.
Verdict check_protocol(const std::uint8_t* data, std::size_t size);
// A run file (model/runfilereader.h) as runfile::loadBytes() reads it.
Verdict check_runfile(const std::uint8_t* data, std::size_t size);

// Replaces the default handler (print and abort). The regression test throws instead, to name
// the input that broke the contract; a handler that returns is followed by an abort.
using BrokenHandler = void (*)(const char* target, const std::string& why);
void set_broken_handler(BrokenHandler handler);
[[noreturn]] void broken(const char* target, const std::string& why);

} // namespace forkscope::fuzz
