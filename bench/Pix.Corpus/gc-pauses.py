#!/usr/bin/env python3
"""Where a --times file's GC pauses fell (docs/robustness.md, "Twenty-seventh session: what a second run's heap holds"): per run,
p99 and max per method, the max's GC share, the run's GC total, the methods paused >= 100 ms and which collections fell into
them (gcs: all, gen1s: gen 1 or 2, gen2s: gen 2, blocking2s: a full blocking one; the last two only in files written since
the twenty-seventh session).

    python3 gc-pauses.py times.tsv [more.tsv ...]
"""
import csv, sys
def q(xs, p):
    xs = sorted(xs); i = min(len(xs)-1, int(round(p*(len(xs)-1)))); return xs[i]
for path in sys.argv[1:]:
    rows = list(csv.DictReader(open(path), delimiter='\t'))
    for run in ('run1', 'run2'):
        f = lambda r, c: float(r.get(f'{run}_{c}') or 0)
        ms = [f(r, 'ms') for r in rows]
        top = max(rows, key=lambda r: f(r, 'ms'))
        paused = [r for r in rows if f(r, 'gc_ms') >= 100]
        print(f"{path} {run}: p99 {q(ms, .99):.1f} max {f(top, 'ms'):.1f} ms (GC {f(top, 'gc_ms'):.1f}) {top['method'].split('@')[0][2:80]}; "
              f"GC total {sum(f(r, 'gc_ms') for r in rows):.0f} ms, {sum(f(r, 'gcs') for r in rows):.0f} collections, "
              f"{sum(f(r, 'gen1s') for r in rows):.0f} gen1+, {sum(f(r, 'gen2s') for r in rows):.0f} gen2; allocated {sum(f(r, 'mb') for r in rows):.1f} MB")
        for r in sorted(paused, key=lambda r: -f(r, 'gc_ms')):
            print(f"   paused {f(r, 'gc_ms'):6.1f} of {f(r, 'ms'):6.1f} ms  gcs {int(f(r, 'gcs'))} gen1+ {int(f(r, 'gen1s'))} gen2 {int(f(r, 'gen2s'))} "
                  f"blocking {int(f(r, 'blocking2s'))}  {r['method'].split('@')[0][2:80]}")
