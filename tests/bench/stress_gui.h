#pragma once

// The stress benchmark's GUI part (Qt Widgets; see stress_gui.cpp).

#include "stress_bench.h"

#include "scenarios/runner/fork_server.h"

namespace forkscope::bench {

// Runs the stress config in a 1400×900 MainWindow of this process (QApplication must exist);
// `server` was forked at the top of main(), before any thread.
FrontEndResult runGui(scenarios::ForkServerProcess server, const StressConfig& config);

} // namespace forkscope::bench
