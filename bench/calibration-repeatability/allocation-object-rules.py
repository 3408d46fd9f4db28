#!/usr/bin/env python3
"""Replay `Allocation` (the per-object cost) from `pix calibrate --raw` files under two rules.

usage: allocation-object-rules.py RAW.json [RAW.json ...]

  medfit  the joint fit of the three allocation kernels' timing medians (alloc-rules.py's R1: the rule until the
          twentieth session, and still AllocatedByte's)
  twoPt   the 16-byte and 2 KB kernels' quietest batches over all timings, solved as two equations
          (AllocationFit in src/Pix.Runtime/Calibration, since the twentieth session)

Also prints the 16-byte kernel's quietest batch and median timing (ns an iteration), and the pairs within 5% under each rule.
"""
import importlib.util
import itertools
import json
import os
import statistics
import sys

spec = importlib.util.spec_from_file_location("alloc_rules", os.path.join(os.path.dirname(os.path.abspath(__file__)), "alloc-rules.py"))
ar = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ar)


def quietest_batch(timings):
    return min(min(t["batchNs"]) for t in timings)


def median_timing(timings):
    return statistics.median(t["medianNs"] for t in timings)


def main(paths):
    if not paths:
        print(__doc__)
        return 2
    figures = {"medfit": [], "twoPt": []}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            raw = json.load(f)
        other, _ = ar.other_ns(path)
        timings = {k: [p for p in raw["passes"] if p["name"] == k] for k in ar.BYTES}
        medfit, _ = ar.fit({k: median_timing(v) for k, v in timings.items()}, other)
        small, large = quietest_batch(timings["alloc 16 B x4"]), quietest_batch(timings["alloc 2 KB x4"])
        per_byte = (large - small) / (ar.BYTES["alloc 2 KB x4"] - ar.BYTES["alloc 16 B x4"])
        two_point = (small - other - ar.BYTES["alloc 16 B x4"] * per_byte) / ar.ALLOCATIONS
        figures["medfit"].append(medfit)
        figures["twoPt"].append(two_point)
        print(f"{path:40} 16 B quietest {small:5.1f} median {median_timing(timings['alloc 16 B x4']):5.1f}   medfit {medfit:6.2f}   twoPt {two_point:6.2f}")
    for rule, values in figures.items():
        pairs = list(itertools.combinations(values, 2))
        within = sum(1 for a, b in pairs if abs(a - b) / min(a, b) <= 0.05)
        print(f"{rule:7} {min(values):.2f}-{max(values):.2f} ns, {within} of {len(pairs)} pairs within 5%")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
