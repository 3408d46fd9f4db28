#!/usr/bin/env python3
"""Compare calibrated profiles (*.pixhw.json) class by class.

usage: compare.py PROFILE PROFILE [PROFILE ...]

For each class cost (latency and throughput of the 21 classes) prints every profile's figure and
the spread (max - min) / min across them, marking those above 5%; then, for every pair of profiles,
how many of the 42 costs agree within 5% (costs all under 0.001 ns agree). A profile whose calibration printed the shared-core
warning (`pix calibrate ... > F.txt`, F.txt beside F.pixhw.json) is marked with '(shared)'.
"""
import itertools
import json
import os
import sys

LIMIT = 0.05
# Costs all below this agree whatever their ratio: the fit prices Load throughput at 0 in one run and
# 0.0004 ns in another, which no interface can tell apart (per-byte costs are 0.01 ns and more).
NEGLIGIBLE_NS = 0.001


def spread(values):
    lo, hi = min(values), max(values)
    if hi < NEGLIGIBLE_NS:
        return 0.0
    return (hi - lo) / lo if lo > 0 else float("inf")


def shared(path):
    text = path[: -len(".pixhw.json")] + ".txt" if path.endswith(".pixhw.json") else None
    if text and os.path.exists(text):
        with open(text, encoding="utf-8") as f:
            return "Warning: every pass ran while another hardware thread shared the core" in f.read()
    return None


def main(paths):
    if len(paths) < 2:
        print(__doc__)
        return 2
    profiles = []
    for p in paths:
        try:
            with open(p, encoding="utf-8") as f:
                profiles.append(json.load(f)["costs"])
        except (OSError, ValueError, KeyError) as e:
            print(f"cannot read {p}: {e}", file=sys.stderr)
            return 1
    costs = [(c, kind) for c in profiles[0] for kind in ("latencyNs", "throughputNs")]
    names = [os.path.basename(p).replace(".pixhw.json", "") + (" (shared)" if shared(p) else "") for p in paths]
    print(f"{'class':16} {'cost':10} " + " ".join(f"{n[:12]:>12}" for n in names) + "   spread")
    within = 0
    for c, kind in costs:
        values = [p[c][kind] for p in profiles]
        s = spread(values)
        within += s <= LIMIT
        print(f"{c:16} {kind[:-2]:10} " + " ".join(f"{v:12.4f}" for v in values) + f"   {s * 100:6.1f}%" + ("" if s <= LIMIT else "  *"))
    print(f"\nall {len(paths)} within 5% of each other: {within} of {len(costs)} costs")
    print("pairs (costs within 5% of each other):")
    for (i, a), (j, b) in itertools.combinations(enumerate(profiles), 2):
        agree = sum(spread([a[c][k], b[c][k]]) <= LIMIT for c, k in costs)
        outside = [f"{c}{'' if k == 'latencyNs' else ' thr'} {spread([a[c][k], b[c][k]]) * 100:.0f}%" for c, k in costs if spread([a[c][k], b[c][k]]) > LIMIT]
        print(f"  {names[i]} / {names[j]}: {agree} of {len(costs)}; outside: {', '.join(outside) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
