#!/usr/bin/env python3
"""One Markdown table row per `pix validate` console output (stdout, and its stderr beside it as .err):
overall MAPE, each method's, held-out fits within 5%, sizes on a core of their own, and the final judgement's
"measured again" count (twenty-third session, `quiet23`; a before build prints no final judgement: "-").
   python3 bench/accuracy-scoring/validate_table.py /tmp/q23/val-a-tiered-1.txt /tmp/q23/val-b-tiered-1.txt ...
"""
import re
import sys

SHORT = ['Adler32', 'Fingerprint', 'Fnv1a', 'ClosestPairDistanceSquared', 'Multiply', 'BinarySearch', 'IndexOf', 'Repeat']


def row(path):
    text = open(path).read()
    mapes, heldout = {}, {}
    current = None
    for line in text.splitlines():
        m = re.match(r'Quickstart\.\w+\.(\w+): MAPE ([\d.]+)%', line)
        if m:
            current = m.group(1)
            mapes[current] = float(m.group(2))
        m = re.search(r'error on held-out sizes .*: [\d.]+% as generated, ([\d.]+)% fitted', line)
        if m and current:
            heldout[current] = float(m.group(1))
    overall = re.search(r'Overall MAPE ([\d.]+)% over \d+ method\(s\); ([\d.]+|–|-)%? over the (\d+) of (\d+) sizes', text)
    within = [k for k, v in heldout.items() if v <= 5.0]
    misses = ', '.join(f'{k} {heldout[k]}' for k in heldout if heldout[k] > 5.0)
    err = open(path[:-4] + '.err').read() if path.endswith('.txt') else ''
    judged = re.search(r'final judgement: quiet rate ([^;]+); (\d+) sizes measured again \((\d+) measurements\) in ([\d.]+) s \(cap ([\d.]+) s\); (\d+) sizes judged shared, (\d+) judged own', err)
    again = f'{judged.group(2)} ({judged.group(3)} meas., {judged.group(4)} s; {judged.group(6)} judged shared; quiet {judged.group(1)})' if judged else '-'
    cells = [path.split('/')[-1], overall.group(1) if overall else '?'] + [str(mapes.get(k, '?')) for k in SHORT]
    cells += [f'{len(within)} of {len(heldout)}' + (f' ({misses})' if misses else ''),
              f'{overall.group(3)} of {overall.group(4)}' if overall else '?', again]
    return '| ' + ' | '.join(cells) + ' |'


print('| sweep | overall | Adler32 | Fingerprint | Fnv1a | ClosestPair | Multiply | BinarySearch | IndexOf | Repeat | held-out ≤ 5% | own core | measured again |')
print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|')
for p in sys.argv[1:]:
    print(row(p))
