#!/usr/bin/env bash
# README command 2: installs the dependencies, checks the sources' format, builds, and runs the
# whole test suite headlessly, first in the dev build, then under AddressSanitizer +
# UndefinedBehaviorSanitizer, then the telemetry suites (event rings, collector, recording) under
# ThreadSanitizer (the tsan preset builds and runs only those).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh none # the packages only: clang-format for the check below
scripts/check-format.sh
for preset in dev asan tsan; do
    echo "== $preset: build"
    scripts/setup.sh "$preset"
    echo "== $preset: test"
    ctest --preset "$preset"
done
