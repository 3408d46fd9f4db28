#!/usr/bin/env python3
"""Replay the kernels' figures of `pix calibrate --raw` files under two rules and count where the files agree.

usage: figure-rules.py RAW.json RAW.json [RAW.json ...]

For every kernel of fixed work (the fitted kernels but the allocating ones, the issue-mix kernels, the load-port kernel:
the ones KernelStatistic gives the quietest batch since the nineteenth session), prints each file's figure under

  T  the quietest timing: the lowest of the timings' medians (the calibrator's rule before the nineteenth session)
  B  the quietest batch over every timing (since)

with the spread (max - min) / min across the files, then how many of these kernels agree within 1% and within 5% across
all the files, and across each pair of files given in order (1st and 2nd, 3rd and 4th, ...: a calibration pair).
"""
import itertools
import json
import sys

# The probes KernelStatistic keeps at the quietest timing (bulk and memory-level) or at the median (allocation), and the
# branch-miss pair (its own rule, BranchMissPair): not replayed here.
OTHER_RULES = ("copy ", "compare ", "hash ", "chase ", "alloc ", "branch, ")


def figures(raw, rule):
    out = {}
    for p in raw["passes"]:
        if p["name"].startswith(OTHER_RULES):
            continue
        value = p["medianNs"] if rule == "T" else min(p["batchNs"])
        out[p["name"]] = min(out.get(p["name"], value), value)
    return out


def spread(values):
    lo, hi = min(values), max(values)
    return (hi - lo) / lo if lo > 0 else 0.0


def main(paths):
    if len(paths) < 2:
        print(__doc__)
        return 2
    raws = [json.load(open(p, encoding="utf-8")) for p in paths]
    rules = {r: [figures(raw, r) for raw in raws] for r in ("T", "B")}
    kernels = [k for k in rules["T"][0] if all(k in f for f in rules["T"])]
    print(f"{'kernel':22} rule " + " ".join(f"{i + 1:>8}" for i in range(len(paths))) + "   spread")
    for k in kernels:
        for r in ("T", "B"):
            values = [f[k] for f in rules[r]]
            print(f"{k[:22]:22} {r:4} " + " ".join(f"{v:8.3f}" for v in values) + f"   {spread(values) * 100:5.1f}%")
    for r in ("T", "B"):
        s = [spread([f[k] for f in rules[r]]) for k in kernels]
        line = f"rule {r}: all {len(paths)} files: {sum(x <= 0.01 for x in s)} of {len(kernels)} kernels within 1%, {sum(x <= 0.05 for x in s)} within 5%"
        pairs = []
        for i in range(0, len(paths) - 1, 2):
            ps = [spread([rules[r][i][k], rules[r][i + 1][k]]) for k in kernels]
            pairs.append(f"{sum(x <= 0.01 for x in ps)}/{sum(x <= 0.05 for x in ps)}")
        print(line + "; pairs (within 1%/5%): " + ", ".join(pairs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
