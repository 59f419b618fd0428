// libFuzzer entry point for run files, as File › Open reads them.
// The checks are in check_runfile.cpp, shared with the regression run (tst_fuzzcorpus.cpp).

#include "fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    (void)forkscope::fuzz::check_runfile(data, size);
    return 0;
}
