#pragma once

// Test mains for suites that fork. QTest's crash handler catches SIGTERM, SIGSEGV and others;
// forked children inherit it, and a child that is terminate()d would then run QTest's stack dump
// in a copy of a threaded process instead of dying with -SIGTERM. -nocrashhandler leaves the
// default actions in place.

#include <QCoreApplication>
#include <QTest>

#include <vector>

namespace forkscope::testing {

template <class App, class Test>
int run_forking_test(int argc, char** argv)
{
    App app(argc, argv);
    Test test;
    std::vector<char*> args(argv, argv + argc);
    char no_crash_handler[] = "-nocrashhandler";
    args.push_back(no_crash_handler);
    return QTest::qExec(&test, static_cast<int>(args.size()), args.data());
}

} // namespace forkscope::testing

#define FORKSCOPE_FORKING_TEST_MAIN(TestObject)                                                                        \
    int main(int argc, char** argv)                                                                                    \
    {                                                                                                                  \
        return forkscope::testing::run_forking_test<QCoreApplication, TestObject>(argc, argv);                         \
    }
