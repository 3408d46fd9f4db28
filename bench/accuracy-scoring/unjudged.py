#!/usr/bin/env python3
"""MAPE a sweep would have scored without the final judgement: each size's passes (the sweep's, not those the judgement
added) kept as RepeatedMeasurements.Kept keeps them when every one passed as own core (median of the faster mode, of an
even count the earlier of the middle two), against the prediction; and with the final judgement's measurements added,
the verdict as printed. From pix validate's stderr."""
import re, sys
UNIT = {'ns': 1, 'µs': 1e3, 'ms': 1e6, 's': 1e9}
def ns(v, u): return float(v) * UNIT[u]
def kept(ms):
    s = sorted(ms)
    widest, above = 1, None
    for a, b in zip(s, s[1:]):
        if a > 0 and b / a > widest: widest, above = b / a, b
    pool = [m for m in ms if above is None or widest < 1.5 or m < above]
    order = sorted(range(len(pool)), key=lambda i: (pool[i], i))
    if len(pool) % 2: return pool[order[len(pool) // 2]]
    lo, hi = order[len(pool) // 2 - 1], order[len(pool) // 2]
    return pool[min(lo, hi)]
for path in sys.argv[1:]:
    pred, meas = {}, {}
    for line in open(path):
        m = re.match(r'  (\w+), size (\d+): predicted ([\d.]+) (\S+), measured ([\d.]+) (\S+)', line)
        if m:
            k = (m.group(1), int(m.group(2))); pred[k] = ns(m.group(3), m.group(4)); meas[k] = [ns(m.group(5), m.group(6))]; continue
        m = re.match(r'  (\w+), size (\d+), pass \d+.*?: measured ([\d.]+) (\S+)', line)
        if m:
            meas[(m.group(1), int(m.group(2)))].append(ns(m.group(3), m.group(4)))
    errs = {}
    for k in pred:
        e = abs(pred[k] - kept(meas[k])) / kept(meas[k]) if kept(meas[k]) > 0 else None
        if e is not None: errs.setdefault(k[0], []).append(e)
    allerr = [e for v in errs.values() for e in v]
    print(path, 'without the final judgement: overall %.1f%%;' % (100 * sum(allerr) / len(allerr)),
          ', '.join('%s %.1f' % (n, 100 * sum(v) / len(v)) for n, v in errs.items()))
