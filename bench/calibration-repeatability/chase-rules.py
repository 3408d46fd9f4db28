#!/usr/bin/env python3
"""Replay the memory-level chases' timings of `pix calibrate --raw` files under the two figure rules.

usage: chase-rules.py RAW.json [RAW.json ...]

For each chase (one curve point), in each file: QT, the quietest timing's median (the rule beyond half the L2), and QB,
the quietest batch over every timing (the rule for a chase the L2 holds since the twenty-sixth session's `alloc26`:
MemoryChase.Figure), in ns a link, and the spread (max - min) / min of each over the files. The calibrator's rule gives
the profile's own point: QB for 16-512 KiB on a machine whose L2 is 1 MiB, QT beyond.
"""
import json
import sys


def figures(raw):
    by = {}
    for p in raw["passes"]:
        if p["kind"] == "memory":
            by.setdefault(p["name"], []).append(p)
    return {n: (min(t["medianNs"] for t in ts), min(min(t["batchNs"]) for t in ts)) for n, ts in by.items()}


def spread(values):
    return (max(values) - min(values)) / min(values) * 100


def main(paths):
    per_file = [figures(json.load(open(p))) for p in paths]
    print("files: " + " ".join(paths))
    for name in per_file[0]:
        rows = [f[name] for f in per_file if name in f]
        qt = [r[0] for r in rows]
        qb = [r[1] for r in rows]
        print(f"{name:16s} QT {' '.join(f'{x:7.2f}' for x in qt)} ({spread(qt):6.1f}%)   QB {' '.join(f'{x:7.2f}' for x in qb)} ({spread(qb):6.1f}%)")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
