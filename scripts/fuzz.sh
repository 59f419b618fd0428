#!/usr/bin/env bash
# Fuzzes the scenario-file parser, the fork-server protocol decoder and the run-file loader with
# libFuzzer (clang-14, ASan + UBSan): builds the fuzz preset, then runs the targets one after
# another, one process each (the machine stays usable), for an equal share of TOTAL seconds.
#
#   scripts/fuzz.sh [TOTAL_SECONDS] [TARGET…]    default: 600 s over all three, i.e. 200 s each
#   targets: scenario_file protocol runfile
#
# Seeds come from tests/fuzz/corpus/<target> (and resources/presets). What the fuzzer finds goes
# to build/fuzz/findings/<target>/: corpus/ for new coverage, crashes/ for broken contracts, log.
# A crash worth keeping is fixed, then copied to tests/fuzz/regressions/<target>/, where
# tst_fuzzcorpus replays it in every build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
total="${1:-600}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=(scenario_file protocol runfile)
seconds=$((total / ${#targets[@]}))
((seconds > 0)) || { echo "fuzz: $total s is not enough for ${#targets[@]} targets" >&2; exit 2; }

scripts/setup.sh fuzz

export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
failed=()
for target in "${targets[@]}"; do
    out="build/fuzz/findings/$target"
    mkdir -p "$out/corpus" "$out/crashes"
    seeds=("tests/fuzz/corpus/$target")
    [ "$target" != scenario_file ] || seeds+=(resources/presets)
    options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
             -artifact_prefix="$out/crashes/")
    [ ! -f "tests/fuzz/$target.dict" ] || options+=(-dict="tests/fuzz/$target.dict")
    echo "== $target: $seconds s, log in $out/log"
    # The first folder is where libFuzzer adds what it finds; the seed folders are only read.
    if build/fuzz/tests/fuzz/"fuzz_$target" "${options[@]}" "$out/corpus" "${seeds[@]}" >"$out/log" 2>&1; then
        grep -E "^(#[0-9]+.*DONE|stat::)" "$out/log" || true
    else
        failed+=("$target")
        grep -E "ERROR|contract broken|Test unit written" "$out/log" || tail -20 "$out/log"
    fi
done
if ((${#failed[@]})); then
    echo "fuzz: findings in ${failed[*]}: see build/fuzz/findings/<target>/crashes" >&2
    exit 1
fi
echo "fuzz: nothing found"
