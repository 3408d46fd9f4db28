#!/usr/bin/env python3
# Does the machine's state explain the run-to-run spread of the NF medians? (docs/accuracy.md, fifteenth session, `drift`.)
# Reads the driver tables (`measure ... > DIR/PREFIX-N.txt`) of many runs of the same binary and, for one workload, prints
# per run its measured median, error and the state probed around its replays (each kernel's ratio and the factor, the mean
# of the before and after probes), then, over the runs, the correlation of the measured median with each ratio and the
# spread of the median before and after dividing it by each ratio: a ratio that explains the spread shrinks it.
#   python3 bench/accuracy-scoring/drift.py DIR [nf workload] [--prefix P]
# Runs with different profiles have different ratios for the same machine: give each profile its own prefix.
import glob, os, statistics as st, sys
import nf_table

def pearson(x, y):
    mx, my = st.mean(x), st.mean(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x); syy = sum((b - my) ** 2 for b in y)
    return sxy / (sxx * syy) ** 0.5 if sxx > 0 and syy > 0 else float('nan')

def ranks(v):
    order = sorted(range(len(v)), key=lambda i: v[i]); r = [0.0] * len(v); i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]: j += 1
        for k in range(i, j + 1): r[order[k]] = (i + j) / 2
        i = j + 1
    return r

def spearman(x, y): return pearson(ranks(x), ranks(y))

def cv(v): return st.stdev(v) / st.mean(v) if len(v) > 1 and st.mean(v) else float('nan')

def runs(d, key, prefix):
    """Per run file: (name, measured, predicted, shared, {kernel or 'factor': mean of before and after medians})."""
    out = []
    for path in sorted(glob.glob(os.path.join(d, prefix + '*.txt')), key=lambda p: (len(p), p)):
        rows, states = nf_table.read(path), nf_table.machine(path)
        if key not in rows or key not in states or len(states[key]) < 2: continue
        before, after = states[key]['before'], states[key]['after']
        ratios = {k: (before['kernels'][k][0] + after['kernels'][k][0]) / 2
                  for k in before['kernels'] if k in after['kernels']}
        if before['factor'] and after['factor']:
            ratios['factor'] = (before['factor'][0] + after['factor'][0]) / 2
        out.append((os.path.basename(path),) + rows[key] + (ratios,))
    return out

def main(argv):
    args = [a for a in argv if not a.startswith('--')]
    prefix = argv[argv.index('--prefix') + 1] if '--prefix' in argv else ''
    if prefix in args: args.remove(prefix)
    d = args[0]; key = ' '.join(args[1:3]) if len(args) >= 3 else 'nat typical'
    data = runs(d, key, prefix)
    if not data:
        print('no run of %s with machine-state lines in %s' % (key, d)); return 1
    names = sorted({k for r in data for k in r[4]}, key=lambda k: (k != 'factor', k))
    print('%s: %d runs' % (key, len(data)))
    print('%-22s %9s %9s %7s %6s  %s' % ('run', 'measured', 'predicted', 'error', 'shared', '  '.join('%14s' % n for n in names)))
    for name, m, p, sh, ratios in data:
        print('%-22s %9.1f %9.1f %+6.0f%% %4d/7  %s' % (name, m, p, 100 * (p - m) / m, sh, '  '.join('%14.2f' % ratios[n] if n in ratios else '%14s' % '-' for n in names)))
    measured = [r[1] for r in data]
    print('measured median over runs: %.1f ns, min %.1f, max %.1f, CV %.1f%%' % (st.median(measured), min(measured), max(measured), 100 * cv(measured)))
    if len(data) < 3:
        print('(fewer than 3 runs: no correlation)'); return 0
    print('%-16s %9s %9s  %s' % ('ratio', 'Pearson', 'Spearman', 'CV of measured / ratio (measured alone: %.1f%%)' % (100 * cv(measured))))
    for n in names:
        pairs = [(r[1], r[4][n]) for r in data if n in r[4]]
        if len(pairs) < 3: continue
        x = [a for a, _ in pairs]; y = [b for _, b in pairs]
        print('%-16s %9.2f %9.2f  %.1f%%' % (n, pearson(x, y), spearman(x, y), 100 * cv([a / b for a, b in pairs])))
    return 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
