#!/usr/bin/env python3
"""Replay the allocation kernels' timings of `pix calibrate --raw` files under other rules.

usage: alloc-rules.py RAW.json [RAW.json ...]

`AllocatedByte` and `Allocation` are fitted from the three allocation kernels ("alloc 16 B x4",
"alloc 256 B x4", "alloc 2 KB x4": 4 allocations and 64, 1024, 8192 bytes an iteration, plus 4 stores
and the loop control). The fit over all stream kernels prices the stores and the loop control from
the other kernels, so the two allocation classes are, to the printed precision, the 1/time-weighted
least-squares solution over these three kernels once those are subtracted (taken from the profile
beside the raw file, F.pixhw.json for F.raw.json, when it exists). This script solves that small
fit for each rule of picking a kernel's figure from its timings, so a rule can be judged on
calibrations already made (the calibrator's rule reproduces the profile's own figure: R0 for a file written
before the seventeenth session's `allocrule` change, R1 since, KernelStatistic in src/Pix.Runtime/Calibration):

  R0  quietest timing's median (the calibrator's rule until the seventeenth session)
  R1  median of the timings' medians (the calibrator's rule since)
  R2  quietest timing, its batches without the collections it counted (the slowest ones dropped)
  R3  median over the timings of R2's collection-free medians
  R4  median of every timing's collection-free batches, pooled
  Q0  R0 over the timings of the passes on a core of their own (the file's quietPasses, or for a file written before
      them, a pass whose issue rate is at least 90% of the highest in issueRates), all timings when none is quiet
  Q1  R1 over the timings on a core of their own: a file written since the twenty-fourth session (`calib24`) has each
      allocation timing's own issue rate (issueRate), judged against the file's quietIssueRate (the calibrator's rule
      since); an older file, the quiet passes as in Q0

It also prints the 2 KB kernel's timing medians in pass order (ns an iteration): the state a
calibration saw, pass by pass.
"""
import json
import os
import statistics
import sys

BYTES = {"alloc 16 B x4": 64, "alloc 256 B x4": 1024, "alloc 2 KB x4": 8192}
ALLOCATIONS = 4
# Used when no profile is beside the raw file: 4 stores and the loop control at typical costs here.
DEFAULT_OTHER_NS = 1.2


def collection_free(timing):
    """The timing's batches less as many of the slowest as it counted gen-0 collections (a batch holding one is 10-17x slower)."""
    batches = sorted(timing["batchNs"])
    drop = min(timing.get("gen0Collections", 0), len(batches) - 1)
    return batches[: len(batches) - drop]


def quiet_passes(raw):
    """The passes (from 1) pix calibrate judged quiet; older files: rates within 90% of their highest (CoreMonitor.SharedBelow)."""
    if "quietPasses" in raw:
        return set(raw["quietPasses"])
    rates = raw.get("issueRates", [])
    return {i + 1 for i, r in enumerate(rates) if r >= 0.9 * max(rates)} if rates else set()


def quiet_only(quiet, pick=min):
    """Q0 (Q1): R0 (R1) over the timings in quiet passes, all of them when the kernel has none there."""
    return lambda ts: pick([t["medianNs"] for t in ([t for t in ts if t["pass"] in quiet] or ts)])


def own_core(raw):
    """Q1: R1 over the timings whose own issue rate is at least 90% of the file's quiet rate (quiet passes for older files)."""
    if "quietIssueRate" not in raw:
        return quiet_only(quiet_passes(raw), statistics.median)
    quiet_rate = raw["quietIssueRate"]
    return lambda ts: statistics.median(
        [t["medianNs"] for t in ([t for t in ts if not t.get("issueRate", 0) > 0 or t["issueRate"] >= 0.9 * quiet_rate] or ts)])


RULES = {
    "R0": lambda ts: min(t["medianNs"] for t in ts),
    "R1": lambda ts: statistics.median(t["medianNs"] for t in ts),
    "R2": lambda ts: min(statistics.median(collection_free(t)) for t in ts),
    "R3": lambda ts: statistics.median(statistics.median(collection_free(t)) for t in ts),
    "R4": lambda ts: statistics.median(x for t in ts for x in collection_free(t)),
}


def fit(per_iteration, other_ns):
    """(Allocation, AllocatedByte) minimising the relative error of 4 a + bytes b = time - other over the kernels."""
    rows = [((ALLOCATIONS / t, BYTES[k] / t), (t - other_ns) / t) for k, t in per_iteration.items()]
    a11 = sum(r[0] * r[0] for r, _ in rows)
    a12 = sum(r[0] * r[1] for r, _ in rows)
    a22 = sum(r[1] * r[1] for r, _ in rows)
    b1 = sum(r[0] * y for r, y in rows)
    b2 = sum(r[1] * y for r, y in rows)
    det = a11 * a22 - a12 * a12
    return (b1 * a22 - b2 * a12) / det, (a11 * b2 - a12 * b1) / det


def other_ns(raw_path):
    profile_path = raw_path[: -len(".raw.json")] + ".pixhw.json" if raw_path.endswith(".raw.json") else None
    if not profile_path or not os.path.exists(profile_path):
        return DEFAULT_OTHER_NS, None
    with open(profile_path, encoding="utf-8") as f:
        costs = json.load(f)["costs"]
    other = 4 * costs["Store"]["throughputNs"] + 2 * costs["IntegerAlu"]["throughputNs"] + costs["Branch"]["throughputNs"]
    return other, costs["AllocatedByte"]["throughputNs"]


def main(paths):
    if not paths:
        print(__doc__)
        return 2
    print(f"{'raw file':24} {'profile':>8} " + " ".join(f"{r:>7}" for r in list(RULES) + ["Q0", "Q1"]) + "   2 KB kernel by pass (ns an iteration; s = a shared pass)")
    for path in paths:
        with open(path, encoding="utf-8") as f:
            raw = json.load(f)
        passes = raw["passes"]
        rules = dict(RULES, Q0=quiet_only(quiet_passes(raw)), Q1=own_core(raw))
        timings = {k: [p for p in passes if p["name"] == k] for k in BYTES}
        if any(not ts for ts in timings.values()):
            print(f"{os.path.basename(path):24} (no allocation kernels)")
            continue
        other, profile_value = other_ns(path)
        figures = [fit({k: rule(ts) for k, ts in timings.items()}, other)[1] for rule in rules.values()]
        quiet = quiet_passes(raw)
        states = ", ".join(f"{t['medianNs']:.0f}" + ("" if not quiet or t["pass"] in quiet else "s") for t in timings["alloc 2 KB x4"])
        shown = f"{profile_value:8.4f}" if profile_value is not None else f"{'-':>8}"
        print(f"{os.path.basename(path):24} {shown} " + " ".join(f"{v:7.4f}" for v in figures) + f"   {states}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
