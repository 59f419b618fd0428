#pragma once

// A benchmark's command line, read option by option; a bad option names the program and the
// option, and exits with code 1.

#include <cstdio>
#include <cstdlib>
#include <string>

namespace forkscope::bench {

[[noreturn]] inline void failAs(const char* program, const std::string& why)
{
    std::fprintf(stderr, "# %s: %s\n", program, why.c_str());
    std::exit(1);
}

class Args {
public:
    Args(const char* program, int argc, char** argv) : program_(program), argc_(argc), argv_(argv) {}

    [[noreturn]] void fail(const std::string& why) const { failAs(program_, why); }
    // The value after option `arg` at argv[i]; i moves onto it.
    [[nodiscard]] std::string value(int& i, const std::string& arg) const
    {
        if (i + 1 >= argc_)
            fail(arg + ": needs a value");
        return argv_[++i];
    }
    [[nodiscard]] double number(int& i, const std::string& arg, double low, double high) const
    {
        const std::string text = value(i, arg);
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (*end != '\0' || !(v >= low && v <= high))
            fail(arg + ": must be " + std::to_string(low) + ".." + std::to_string(high) + ", got " + text);
        return v;
    }

private:
    const char* program_;
    int argc_;
    char** argv_;
};

} // namespace forkscope::bench
