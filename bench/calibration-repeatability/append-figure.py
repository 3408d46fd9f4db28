#!/usr/bin/env python3
"""Where the LibraryCopyCall figure's spread comes from: the append kernel's own time, or the price subtracted from it.

usage: append-figure.py RAW.json [RAW.json ...]

RAW.json is `pix calibrate -o P.pixhw.json --raw RAW.json`; P.pixhw.json beside it (same stem, `.raw.json` replaced by
`.pixhw.json`) gives the class's cost. Its figures are per unit (an append) already. For each calibration prints the append kernel's timings (each pass's median and
quietest batch, ns an append), its figure under the two rules

  T  the quietest timing: the lowest of the passes' medians (the rule before the twenty-third session)
  B  the quietest batch over every pass (the rule of the other kernels of fixed work, KernelStatistic)

the profile's LibraryCopyCall cost and the subtracted price (the rule's figure minus the cost: what the kernel's other
counts price at, LibraryCopyCallFit), then the spread (max - min) / min of each across the files.
"""
import json
import os
import sys

KERNEL = "append "


def spread(values):
    lo, hi = min(values), max(values)
    return (hi - lo) / lo if lo > 0 else float("inf")


def main(paths):
    if not paths:
        print(__doc__)
        return 2
    rows = []
    for path in paths:
        raw = json.load(open(path, encoding="utf-8"))
        passes = [p for p in raw["passes"] if p["name"].startswith(KERNEL)]
        if not passes:
            print(f"{path}: no append kernel", file=sys.stderr)
            return 1
        medians = [p["medianNs"] for p in passes]
        batches = [min(p["batchNs"]) for p in passes]
        profile_path = path.replace(".raw.json", ".pixhw.json")
        cost = None
        if os.path.exists(profile_path):
            cost = json.load(open(profile_path, encoding="utf-8"))["costs"]["LibraryCopyCall"]["throughputNs"]
        name = os.path.basename(path).replace(".raw.json", "")
        rows.append((name, passes[0]["name"], medians, batches, cost))

    print(f"{'file':14} {'kernel':20} {'T':>7} {'B':>7} {'cost':>7} {'price':>7}  passes: median/quietest batch")
    for name, kernel, medians, batches, cost in rows:
        t, b = min(medians), min(batches)
        # The profile's cost was fitted from one rule's figure: the price is that figure minus the cost, whichever it is
        # (the closer of T and B to cost + price is not known here, so both are printed and the price is from T unless
        # the file was made by a build whose cost is below B - price; the reader knows which build made which file).
        price = f"{t - cost:7.3f}" if cost is not None else "      -"
        price_b = f"{b - cost:7.3f}" if cost is not None else "      -"
        cells = " ".join(f"{m:.2f}/{q:.2f}" for m, q in zip(medians, batches))
        print(f"{name[:14]:14} {kernel[:20]:20} {t:7.3f} {b:7.3f} {cost if cost is not None else float('nan'):7.3f} {price} (B: {price_b})  {cells}")
    if len(rows) > 1:
        t = [min(r[2]) for r in rows]
        b = [min(r[3]) for r in rows]
        print(f"\nspread across {len(rows)} files: T {spread(t) * 100:.1f}%, B {spread(b) * 100:.1f}%", end="")
        costs = [r[4] for r in rows if r[4] is not None]
        if len(costs) == len(rows):
            print(f", cost {spread(costs) * 100:.1f}%")
        else:
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
