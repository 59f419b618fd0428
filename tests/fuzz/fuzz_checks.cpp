#include "fuzz_checks.h"

#include <cstdio>
#include <cstdlib>

namespace forkscope::fuzz {

namespace {

void print_and_abort(const char* target, const std::string& why)
{
    std::fprintf(stderr, "%s: contract broken: %s\n", target, why.c_str());
    std::abort();
}

BrokenHandler handler_ = print_and_abort;

} // namespace

void set_broken_handler(BrokenHandler handler)
{
    handler_ = handler ? handler : print_and_abort;
}

void broken(const char* target, const std::string& why)
{
    handler_(target, why);
    std::abort(); // a handler that returned: the contract is still broken
}

} // namespace forkscope::fuzz
