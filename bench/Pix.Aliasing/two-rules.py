#!/usr/bin/env python3
# Re-scores pix validate runs under two rules for a size's repeated measurements: the median of its passes
# (before the sixteenth session) and the median of the faster of two modes (RepeatedMeasurements.FasterMode).
# Input: the progress pix validate writes on stderr (one file per run; one method or all). Usage: two-rules.py run1.err ...
# Per method and overall (the overall MAPE is over all sizes of all methods, as pix validate's).
import re, sys, statistics
unit = {'ns': 1, 'µs': 1e3, 'ms': 1e6, 's': 1e9}
def ns(v, u): return float(v) * unit[u]
def faster(vals):
    s = sorted(vals); widest, below = 1, None
    for a, b in zip(s, s[1:]):
        if a > 0 and b / a > widest: widest, below = b / a, b
    return [v for v in vals if v < below] if widest >= 1.5 else vals
def median_earlier(vals):
    order = sorted(range(len(vals)), key=lambda i: (vals[i], i))
    if len(vals) % 2: return vals[order[len(vals)//2]]
    lo, hi = order[len(vals)//2 - 1], order[len(vals)//2]
    return vals[min(lo, hi)]
for f in sys.argv[1:]:
    pred, meas, shared = {}, {}, {}
    for line in open(f):
        m = re.search(r'^\s*(\S+), size (\d+)(?:, pass \d+(?: \(measurements disagreed\))?)?: (?:predicted ([\d.,]+) (ns|µs|ms), )?measured ([\d.,]+) (ns|µs|ms)( ± [\d.]+%)?( \(not settled\))?( \(core shared\))?', line)
        if not m or 'not kept' in line: continue
        size = (m.group(1), int(m.group(2)))
        if m.group(3): pred[size] = ns(m.group(3).replace(',', ''), m.group(4))
        meas.setdefault(size, []).append((ns(m.group(5).replace(',', ''), m.group(6)), bool(m.group(9))))
    errs_old, errs_new, changed = {}, {}, []
    for size, ms in meas.items():
        if size not in pred: continue
        own = [v for v, s in ms if not s] or [v for v, s in ms]
        old, new = median_earlier(own), median_earlier(faster(own))
        errs_old.setdefault(size[0], []).append(abs(pred[size] - old) / old)
        errs_new.setdefault(size[0], []).append(abs(pred[size] - new) / new)
        if old != new: changed.append(f"{size[0]} {size[1]}: {old/1e3:.2f}->{new/1e3:.2f} µs")
    for method in errs_old:
        print(f"  {method}: MAPE median rule {100*statistics.mean(errs_old[method]):.1f}%, faster-mode rule {100*statistics.mean(errs_new[method]):.1f}%")
    all_old = [e for v in errs_old.values() for e in v]; all_new = [e for v in errs_new.values() for e in v]
    print(f"{f}: sizes {len(all_old)}, two-mode sizes whose kept value changes {len(changed)} ({'; '.join(changed)}); MAPE median rule {100*statistics.mean(all_old):.1f}%, faster-mode rule {100*statistics.mean(all_new):.1f}%")
