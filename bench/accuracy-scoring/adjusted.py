#!/usr/bin/env python3
"""Today's prediction against the state-adjusted one (the `now` column of `NetworkFunctions.dll measure`, sixteenth
session), per NF workload over several runs of the driver: each row's error as printed, then per workload the mean
|error| and the runs within 10% of both columns, and the totals over every (run, workload).

usage: adjusted.py nf-1.txt nf-2.txt ...
"""
import re
import sys

# ... predicted error shared machine now error  PCVs: the two predictions and their errors, and the shared count between.
ROW = re.compile(r'^(\w+)\s+(\S+)\s+\d+\s+[\d.]+\s+-?[\d.]+ ns\s+(-?[\d.,]+) ns\s+\S+ ns\s+[\d.,]+ (?:ns|µs)\s+([+-]?\d+)%\s+\d/\d\s+\S+\s+[\d.,]+ (?:ns|µs)\s+([+-]?\d+)%')


def read(path):
    """'nf workload' -> (error today, error now) in percent, for rows with both and a measured median above 0."""
    rows = {}
    for line in open(path, encoding='utf-8'):
        m = ROW.match(line)
        if m and float(m.group(3).replace(',', '')) > 0:
            rows[m.group(1) + ' ' + m.group(2)] = (int(m.group(4)), int(m.group(5)))
    return rows


def main(paths):
    runs = [read(p) for p in paths]
    keys = [k for k in runs[0] if all(k in r for r in runs)]
    print(f"{'nf / workload':<26} {'errors today':<30} {'errors now':<30} mean|e| today/now  within 10% today/now")
    total = {'today': [], 'now': []}
    for k in keys:
        today = [r[k][0] for r in runs]
        now = [r[k][1] for r in runs]
        total['today'] += today
        total['now'] += now
        mean = lambda xs: sum(abs(x) for x in xs) / len(xs)
        within = lambda xs: sum(abs(x) <= 10 for x in xs)
        print(f"{k:<26} {' '.join(f'{e:+d}' for e in today):<30} {' '.join(f'{e:+d}' for e in now):<30} "
              f"{mean(today):5.1f} / {mean(now):5.1f}      {within(today)} / {within(now)} of {len(runs)}")
    n = len(total['today'])
    print(f"{'all':<26} {'':<30} {'':<30} {sum(map(abs, total['today'])) / n:5.1f} / {sum(map(abs, total['now'])) / n:5.1f}      "
          f"{sum(abs(x) <= 10 for x in total['today'])} / {sum(abs(x) <= 10 for x in total['now'])} of {n}")


if __name__ == '__main__':
    main(sys.argv[1:])
