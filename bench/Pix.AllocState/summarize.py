#!/usr/bin/env python3
import sys,re,statistics as st
# Lines of the probe, each prefixed by the 1-min load: group by pre=..., print the counters' range and median per group.
keys=['perByte','ns2048','repeatUs','zero32k','write32k','faultsPerMiB','MiBPerGen0','footprint','cpuShare']
groups={}
for f in sys.argv[1:]:
    for line in open(f):
        parts=line.split()
        if len(parts)<3 or not parts[1].startswith('pre='): continue
        kv=dict(p.split('=',1) for p in parts[1:] if '=' in p)
        kv['load']=parts[0]
        groups.setdefault(kv['pre'],[]).append(kv)
for g,rows in groups.items():
    print(f"{g} (n={len(rows)}, load {min(float(r['load']) for r in rows):.0f}-{max(float(r['load']) for r in rows):.0f})")
    for k in keys:
        v=[float(re.sub('[A-Za-z]+$','',r[k])) for r in rows if k in r]
        v=[x for x in v if x==x]
        if v: print(f"   {k:12s} {min(v):8.4g} .. {max(v):8.4g}  median {st.median(v):8.4g}")
    if all('repeatUs' in r for r in rows):
        xs=[float(r['perByte']) for r in rows]; ys=[float(r['repeatUs']) for r in rows]; zs=[float(r['write32k']) for r in rows]; ws=[float(r['zero32k']) for r in rows]
        def rank(a): return [sorted(a).index(x) for x in a]
        def sp(a,b):
            ra,rb=rank(a),rank(b); n=len(a); return 1-6*sum((x-y)**2 for x,y in zip(ra,rb))/(n*(n*n-1))
        print(f"   spearman perByte~repeatUs {sp(xs,ys):.2f}  perByte~zero32k {sp(xs,ws):.2f}  perByte~write32k {sp(xs,zs):.2f}  repeat~write32k {sp(ys,zs):.2f}")
