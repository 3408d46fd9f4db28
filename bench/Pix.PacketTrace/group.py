#!/usr/bin/env python3
"""Groups a Pix.PacketTrace CSV by a Python expression of each row `r` (floats by column name) and prints, per group
of at least 1% of the packets, its share and the mean and median of its measured and predicted ns.

  python3 bench/Pix.PacketTrace/group.py out.csv "(r['i'] >= 4096, min(r['learnChainLength'], 2))"
"""
import csv
import statistics
import sys
from collections import defaultdict


def main(path, expression):
    rows = [{k: float(v) for k, v in row.items()} for row in csv.DictReader(open(path))]
    groups = defaultdict(list)
    for row in rows:
        groups[eval(expression, {"min": min, "max": max}, {"r": row})].append(row)
    print(f"{'group':<28} {'share':>6} {'n':>6} {'measured mean':>14} {'predicted mean':>15} {'measured med':>13} {'predicted med':>14}")
    for key in sorted(groups):
        members = groups[key]
        if len(members) < 0.01 * len(rows):
            continue
        measured = [m["measured"] for m in members]
        predicted = [m["predicted"] for m in members]
        print(f"{str(key):<28} {len(members) / len(rows):6.1%} {len(members):6d} {statistics.mean(measured):14.1f} "
              f"{statistics.mean(predicted):15.1f} {statistics.median(measured):13.1f} {statistics.median(predicted):14.1f}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
