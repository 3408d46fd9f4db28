#!/usr/bin/env python3
"""Replay the copy kernels' timings of `pix calibrate --raw` files: `CopiedByte` under the quietest timing and the median.

usage: copy-rules.py RAW.json [RAW.json ...]

`CopiedByte` is the least-squares slope of the copy kernels' time a call over the bytes a call copies (CostFit.Line,
clamped at 0), each kernel's time taken from its timings by a rule: R0 the quietest timing (the calibrator's rule for
these kernels), R1 the median of the timings (the allocation kernels' rule since the seventeenth session). Used to
decide whether the copy kernels should take the allocation kernels' statistic (docs/calibration.md, seventeenth session).
"""
import json
import os
import statistics
import sys

RULES = {"R0": min, "R1": statistics.median}


def slope(points):
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in points)
    return max(0.0, sxy / sxx) if sxx > 0 else 0.0


def main(paths):
    if not paths:
        print(__doc__)
        return 2
    print(f"{'raw file':24} {'profile':>8} " + " ".join(f"{r:>7}" for r in RULES))
    for path in paths:
        with open(path, encoding="utf-8") as f:
            passes = [p for p in json.load(f)["passes"] if p["name"].startswith("copy ")]
        by_kernel = {}
        for p in passes:
            by_kernel.setdefault(p["name"], []).append(p)
        # medianNs is a call's time over its units (the bytes it copies), so a call's time is medianNs x units.
        figures = [slope([(ts[0]["units"], rule(t["medianNs"] for t in ts) * ts[0]["units"]) for ts in by_kernel.values()]) for rule in RULES.values()]
        profile_path = path[: -len(".raw.json")] + ".pixhw.json"
        shown = f"{'-':>8}"
        if os.path.exists(profile_path):
            with open(profile_path, encoding="utf-8") as f:
                shown = f"{json.load(f)['costs']['CopiedByte']['throughputNs']:8.4f}"
        print(f"{os.path.basename(path):24} {shown} " + " ".join(f"{v:7.4f}" for v in figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
