// libFuzzer entry point for scenario files (the presets are its seeds).
// The checks are in check_scenario_file.cpp, shared with the regression run (tst_fuzzcorpus.cpp).

#include "fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    (void)forkscope::fuzz::check_scenario_file(data, size);
    return 0;
}
