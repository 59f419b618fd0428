#!/usr/bin/env bash
# README command 1: installs the dependencies, builds, and opens ForkScope's main window with the
# first scenario ready to start (F5). Extra arguments go to forkscope (try --help).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh dev
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "run-app: no display (DISPLAY and WAYLAND_DISPLAY are unset); on a headless machine use:" >&2
    echo "  xvfb-run -a build/dev/src/app/forkscope" >&2
    exit 1
fi
exec build/dev/src/app/forkscope "$@"
