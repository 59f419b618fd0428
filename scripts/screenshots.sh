#!/usr/bin/env bash
# Regenerates the screenshots: the app renders its own window (--screenshot) under Xvfb, mid-run,
# in English and in Chinese — one per preset, each on the view that shows what it teaches.
# Needs a dev build (scripts/setup.sh). Writes resources/screenshots/<preset>-<language>.png.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
app=build/dev/src/app/forkscope
out=resources/screenshots
mkdir -p "$out"
tabs=(timeline queues locks tasks)
shoot() { # language file tab extra-args…
    local language=$1 file=$2 tab=$3 config
    shift 3
    config="$(mktemp -d)"
    mkdir -p "$config/ForkScope"
    for i in "${!tabs[@]}"; do
        [[ ${tabs[$i]} == "$tab" ]] && printf '[mainWindow]\nviewTab=%d\n' "$i" > "$config/ForkScope/ForkScope.conf"
    done
    printf '[ui]\nappearance=%s\n' "${APPEARANCE:-}" >> "$config/ForkScope/ForkScope.conf"
    XDG_CONFIG_HOME="$config" LANGUAGE="$language" xvfb-run -a -s "-screen 0 1400x900x24" \
        "$app" --size 1200x720 --screenshot "$out/$file" "$@"
    rm -rf "$config"
    echo "wrote $out/$file"
}
source_folder="$(mktemp -d)"
trap 'rm -rf "$source_folder" "$source_folder [copy]"' EXIT
for i in $(seq 1 12); do head -c $((200000 * i)) /dev/urandom > "$source_folder/file-$i.bin"; done
for language in ${LANGUAGES:-en zh_CN}; do
    # Workers started, then joined one by one: PIDs, parents, states.
    shoot "$language" "processes-$language.png" timeline --scenario processes --start --set join=one-by-one --set work_ms=400 --screenshot-at 1000
    # Buyers taking turns at the Lock: waiting (red) and holding (green).
    shoot "$language" "ticket-race-$language.png" locks --scenario ticket-race --start --set lock=true --set buyers=6 --set tickets=6 --screenshot-at 1300
    # Producers and consumers on a queue of three: puts blocked while it is full, gets while empty.
    shoot "$language" "producer-consumer-$language.png" timeline --scenario producer-consumer --start --set items=12 --screenshot-at 1100
    shoot "$language" "producer-consumer-queues-$language.png" queues --scenario producer-consumer --start --set items=12 --screenshot-at 1800
    # The Pool preset (3 workers, 10 tasks of 0-1 s): each worker takes the next task as soon as it is free.
    shoot "$language" "pool-timeline-$language.png" timeline --scenario pool --start --screenshot-at 2400
    # A Pool of three running thirty tasks: their durations and how many finish per second.
    shoot "$language" "pool-$language.png" tasks --scenario pool --start --set tasks=30 --set task_ms=100 --set task_dist=exponential --screenshot-at 1200
    shoot "$language" "pool-queue-$language.png" timeline --scenario pool-queue --start --set put_ms=100 --screenshot-at 1400
    shoot "$language" "folder-copy-$language.png" timeline --scenario folder-copy --start --set "source=$source_folder" --set chunk_delay_ms=20 --set overwrite=true --screenshot-at 1000
    shoot "$language" "shared-state-$language.png" timeline --scenario shared-state --start --set increments=3000000 --screenshot-at 700
    shoot "$language" "cpu-speedup-$language.png" timeline --scenario cpu-speedup --start --set work_ms=400 --set max_workers=2 --screenshot-at 1500
done
# The dark palette (Settings > Appearance > Dark), on the lock contention of the ticket race.
APPEARANCE=dark shoot en ticket-race-dark-en.png locks --scenario ticket-race --start --set lock=true --set buyers=6 --set tickets=6 --screenshot-at 1300
APPEARANCE=dark shoot en producer-consumer-dark-en.png timeline --scenario producer-consumer --start --set items=12 --screenshot-at 1100
