#!/usr/bin/env python3
"""Replay the branch-miss pair's timings of `pix calibrate --raw` files under candidate rules (miss27).

usage: branch-rules.py RAW.json [RAW.json ...]

For each file: the pair's timings (equal and random bits: each timing's quietest batch and median, ns an iteration)
and the miss (2 x the difference, ns) under four rules: QB, the random run's quietest batch less the equal run's over
all passes (the calibrator's, BranchMissPair); QT, the quietest timing's median of each; PM, the median over passes of
the difference of the two medians timed side by side; EQ, the random run's quietest batch less 0.62 ns (the equal run's
floor on this machine, to show how much of the spread is the random run's). Then each rule's spread (max - min) / min
over the files. A rule over the recorded samples can only pick among what the kernel gave: if the random run itself
reads differently between processes, no rule repeats.
"""
import json
import statistics
import sys


def pair(raw):
    eq = [p for p in raw["passes"] if p["name"] == "branch, equal bits"]
    rnd = [p for p in raw["passes"] if p["name"] == "branch, random bits"]
    return eq, rnd


def rules(eq, rnd):
    qb = min(min(t["batchNs"]) for t in rnd) - min(min(t["batchNs"]) for t in eq)
    qt = min(t["medianNs"] for t in rnd) - min(t["medianNs"] for t in eq)
    pm = statistics.median(r["medianNs"] - e["medianNs"] for e, r in zip(eq, rnd))
    eqf = min(min(t["batchNs"]) for t in rnd) - 0.62
    return {"QB": 2 * qb, "QT": 2 * qt, "PM": 2 * pm, "EQ": 2 * eqf}


def spread(values):
    return (max(values) - min(values)) / min(values) * 100


def main(paths):
    per_file = []
    for path in paths:
        eq, rnd = pair(json.load(open(path)))
        r = rules(eq, rnd)
        per_file.append(r)
        timings = " ".join(f"p{e['pass']} {min(e['batchNs']):.3f}/{e['medianNs']:.3f} {min(x['batchNs']):.3f}/{x['medianNs']:.3f}" for e, x in zip(eq, rnd))
        print(f"{path}: " + " ".join(f"{k} {v:.2f}" for k, v in r.items()) + f"   [equal, random: quietest batch/median] {timings}")
    if len(per_file) > 1:
        print("spread over files: " + "  ".join(f"{k} {spread([f[k] for f in per_file]):.1f}%" for k in per_file[0]))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
