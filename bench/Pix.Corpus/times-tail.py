#!/usr/bin/env python3
"""The default mode's tail from a --times file (docs/robustness.md, `tail26`): p50/p99/p99.9/max of a run's per-method time and what the
methods at or above p99 are made of by the harness's own counters (GC pauses, binding, the JIT's ms, which overlap the rest and
include background re-compilations). Quantiles: the nearest rank, not the harness's interpolation.

    python3 times-tail.py times.tsv [run1|run2] [how many of the slowest to list]
"""
import csv, sys
def q(xs, p):
    xs = sorted(xs); i = min(len(xs)-1, int(round(p*(len(xs)-1)))); return xs[i]
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
run = sys.argv[2] if len(sys.argv) > 2 else 'run1'
f = lambda r, c: float(r[f'{run}_{c}'] or 0)
ms = [f(r,'ms') for r in rows]
p99, p999 = q(ms,.99), q(ms,.999)
print(f"{sys.argv[1]} {run}: n={len(rows)} p50={q(ms,.5):.2f} p99={p99:.2f} p99.9={p999:.2f} max={max(ms):.2f} total={sum(ms):.0f} ms, mb={sum(f(r,'mb') for r in rows):.1f}")
tail = [r for r in rows if f(r,'ms') >= p99]
tot = sum(f(r,'ms') for r in tail)
gc = sum(f(r,'gc_ms') for r in tail); bind = sum(f(r,'bind_ms') for r in tail); bindgc = sum(f(r,'bind_gc_ms') for r in tail)
jit = sum(f(r,'jit_ms') for r in tail)
print(f" tail {len(tail)} methods {tot:.0f} ms: gc {gc:.0f} ({gc/tot:.0%}), bind {bind:.0f} ({bind/tot:.0%}; its gc {bindgc:.0f}), jit(overlaps) {jit:.0f} ({jit/tot:.0%}), rest {tot-gc-bind+bindgc:.0f}")
print(f" all: gc {sum(f(r,'gc_ms') for r in rows):.0f} bind {sum(f(r,'bind_ms') for r in rows):.0f} jit {sum(f(r,'jit_ms') for r in rows):.0f}")
other = 'run2' if run == 'run1' else 'run1'
if len(sys.argv) > 3:
    for r in sorted(tail, key=lambda r: -f(r,'ms'))[:int(sys.argv[3])]:
        print(f"  {f(r,'ms'):8.1f} gc {f(r,'gc_ms'):6.1f} bind {f(r,'bind_ms'):6.1f} jit {f(r,'jit_ms'):6.1f}/{int(f(r,'jit_methods'))} mb {f(r,'mb'):6.2f} walked {int(f(r,'walked_ops'))} repl {int(f(r,'replayed_ops'))} chk {int(f(r,'checks'))}/{int(f(r,'check_events'))} {other} {float(r[other+'_ms'] or 0):7.1f}  {r['method'].split('@')[0][2:90]}")
