// libFuzzer entry point for fork-server protocol frames.
// The checks are in check_protocol.cpp, shared with the regression run (tst_fuzzcorpus.cpp).

#include "fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    (void)forkscope::fuzz::check_protocol(data, size);
    return 0;
}
