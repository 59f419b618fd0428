#!/usr/bin/env bash
# Regenerates the README's screenshots: the app renders its own window (--screenshot) under Xvfb,
# mid-run, in English and in Chinese. Needs a dev build (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
app=build/dev/src/app/forkscope
out=resources/screenshots
mkdir -p "$out"
shoot() { # language file extra-args…
    local language=$1 file=$2
    shift 2
    XDG_CONFIG_HOME="$(mktemp -d)" LANGUAGE="$language" xvfb-run -a -s "-screen 0 1400x900x24" \
        "$app" --size 1200x720 --screenshot "$out/$file" "$@"
    echo "wrote $out/$file"
}
# Producers and consumers on a queue of three, mid-run: puts blocked on the full queue (orange),
# gets blocked on the empty one (yellow), consumed items as tasks (blue) on the timeline.
shoot en main-window-en.png --scenario producer-consumer --start --set items=12 --screenshot-at 1100
shoot zh_CN main-window-zh_CN.png --scenario producer-consumer --start --set items=12 --screenshot-at 1100
