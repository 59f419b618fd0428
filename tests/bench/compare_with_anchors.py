#!/usr/bin/env python3
"""Runs ForkScope's benchmarks and the reference anchors interleaved on this machine, and prints
the medians side by side with their ratio and the target each must meet.

Rounds alternate: ForkScope (--reps 1), then Python's multiprocessing anchors (--reps 1), and,
with --with-cpp, the C++ anchors; so both sides see the same machine conditions. Usage, from the
project root with shared/ beside it:

    python3 tests/bench/compare_with_anchors.py [--rounds 3] [--with-cpp]
"""

import argparse
import math
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# (ForkScope name, anchor name, how to compare, target)
#   "x"    higher is better: ratio = ours / anchor
#   "ns"   ours in ns/op, anchor in ops/s: compare as ns/op, lower is better
#   "time" both lower is better: ratio = anchor / ours (how many times faster)
PAIRS = [
    ("fs.Queue.1p1c.maxsize64.2M", "py.fork.Queue.1p1c.maxsize64.200k", "x", ("abs", 5e6, ">= 5 M items/s")),
    ("fs.Queue.2p2c.maxsize64.2M", "py.fork.Queue.2p2c.maxsize64.200k", "x", ("abs", 2e6, ">= 2 M items/s")),
    ("fs.Queue.1p1c.unbounded.2M", "py.fork.Queue.1p1c.unbounded.200k", "x", None),
    ("fs.Queue.2p2c.unbounded.2M", "py.fork.Queue.2p2c.unbounded.200k", "x", None),
    ("fs.JoinableQueue.1p1c.put_get_taskdone.2M", "py.fork.JoinableQueue.1p1c.put_get_taskdone.200k", "x", None),
    ("fs.Lock.uncontended.acquire_release", "py.Lock.uncontended.acquire_release", "ns", ("abs_max", 20, "<= 20 ns")),
    ("fs.Lock.Value_incr.2proc_contended.4M_total", "py.fork.Lock.Value_incr.2proc_contended.200k_total", "x",
     ("ratio", 10, ">= 10x Python")),
    ("fs.Pool2.apply_async.200k", "py.fork.Pool2.apply_async.20k", "x", ("ratio", 50, ">= 50x Python")),
    ("fs.Pool2.map.default_chunksize.2M", "py.fork.Pool2.map.default_chunksize.200k", "x", None),
    ("fs.Pool2.apply.sync.20k", "py.fork.Pool2.apply.sync.2k", "x", None),
    ("fs.Pool2.create_first_apply_close_join", "py.fork.Pool2.create_first_apply_close_join", "time", None),
    ("fs.Process.start_join.sequential.1000", "py.fork.Process.start_join.sequential.200", "time", ("abs_max", 1.0, "<= 1 ms")),
    ("fs.Process.start50_then_join50.total", "py.fork.Process.start50_then_join50.total", "time", None),
]
CPP_PAIRS = [
    ("fs.Queue.1p1c.maxsize64.2M", "cpp.boost_mq.1p1c.8B.max64.1M", "x"),
    ("fs.Queue.1p1c.maxsize64.2M", "cpp.mutex_condvar_ring.cap64.1p1c.1M", "x"),
    ("fs.Queue.1p1c.maxsize64.2M", "cpp.spsc_lockfree.cap1024.1p1c.pinned.50M", "x"),
    ("fs.Queue.2p2c.maxsize64.2M", "cpp.mutex_condvar_ring.cap64.2p2c.1M", "x"),
    ("fs.Lock.uncontended.acquire_release", "cpp.pshared_mutex.lock_unlock.uncontended", "time"),
    ("fs.Process.start_join.sequential.1000", "cpp.fork_waitpid.exit0.seq1000", "time_us"),
]


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"compare: {' '.join(command)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    values = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3:
            try:
                values[parts[0]] = float(parts[1])
            except ValueError:
                pass
    return values


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--bench", default=os.path.join(ROOT, "build/dev/tests/bench/forkscope_bench"))
    parser.add_argument("--anchors", default=os.path.join(ROOT, "..", "shared", "bench", "anchors"))
    parser.add_argument("--with-cpp", action="store_true", help="also run the C++ anchors (needs libboost-dev)")
    args = parser.parse_args()
    if args.rounds < 1:
        sys.exit("compare: --rounds must be at least 1")
    for path in (args.bench, os.path.join(args.anchors, "py_mp_bench.py")):
        if not os.path.exists(path):
            sys.exit(f"compare: {path} not found (build with scripts/setup.sh; shared/ must be beside the project)")
    cpp_bench = None
    if args.with_cpp:
        build = os.environ.get("ANCHORS_BUILD_DIR", "/tmp/anchors-build")
        subprocess.run(["bash", os.path.join(args.anchors, "build.sh")], check=True, capture_output=True)
        cpp_bench = os.path.join(build, "cpp_bench")

    ours, theirs = {}, {}
    only = sorted({anchor for _, anchor, _, _ in PAIRS})
    py_command = [sys.executable, os.path.join(args.anchors, "py_mp_bench.py"), "--reps", "1"]
    for name in only:
        py_command += ["--only", name]
    for round_ in range(args.rounds):
        print(f"# round {round_ + 1}/{args.rounds}", file=sys.stderr, flush=True)
        for name, value in run([args.bench, "--reps", "1"]).items():
            ours.setdefault(name, []).append(value)
        for name, value in run(py_command).items():
            theirs.setdefault(name, []).append(value)
        if cpp_bench:
            filters = sorted({anchor.split(".")[1] for _, anchor, _ in CPP_PAIRS})
            for name, value in run([cpp_bench, "--reps", "1", *filters]).items():
                theirs.setdefault(name, []).append(value)

    def med(table, name):
        values = [v for v in table.get(name, []) if not math.isnan(v)]
        return statistics.median(values) if values else float("nan")

    def spread(table, name):
        """Range of the rounds around the median, in percent: how far to trust the ratio."""
        values = [v for v in table.get(name, []) if not math.isnan(v)]
        if len(values) < 2:
            return "-"
        return f"{100 * (max(values) - min(values)) / statistics.median(values):.0f}%"

    print(f"{'ForkScope':46} {'median':>12} {'range':>6}  {'anchor':52} {'median':>12} {'range':>6}  {'ratio':>8}  target")
    failed = 0
    rows = [(a, b, kind, target) for a, b, kind, target in PAIRS] + [(a, b, kind, None) for a, b, kind in CPP_PAIRS if cpp_bench]
    for name, anchor, kind, target in rows:
        mine, other = med(ours, name), med(theirs, anchor)
        if kind == "x":
            ratio = mine / other
        elif kind == "ns":
            other = 1e9 / other  # ops/s -> ns/op
            ratio = other / mine
        elif kind == "time_us":
            ratio = other / (mine * 1000)
        else:
            ratio = other / mine
        verdict = ""
        if target and not math.isnan(ratio):
            how, bound, text = target
            met = {"abs": mine >= bound, "abs_max": mine <= bound, "ratio": ratio >= bound}[how]
            verdict = f"{text}: {'met' if met else 'NOT met'}"
            failed += not met
        print(f"{name:46} {mine:12.4g} {spread(ours, name):>6}  {anchor:52} {other:12.4g} {spread(theirs, anchor):>6}"
              f"  {ratio:7.1f}x  {verdict}")
    if failed:
        sys.exit(f"compare: {failed} target(s) not met")


if __name__ == "__main__":
    main()
