#!/usr/bin/env python3
# Scores the NF runs of a closing measurement (nf-after-*.txt = A, nf-before-*.txt = B, from measure-session.sh) on
# the median over the runs whose shared-core count (the driver's "shared" column, of 7 replays) is at most MAX (default 2):
# on a machine whose sibling hardware thread is busy, a run measured while the core was shared times another machine.
# Then each run's machine state (drivers since the fifteenth session print it): no run is dropped by it, since the data
# (docs/accuracy.md, fifteenth session, `drift`) explain only part of the run-to-run spread with it.
#   python3 bench/accuracy-scoring/clean-medians.py DIR [MAX]
import sys,glob,os,statistics as st
import nf_table
d=sys.argv[1]; maxshared=int(sys.argv[2]) if len(sys.argv)>2 else 2
rows=nf_table.read
runs={os.path.basename(p):rows(p) for p in sorted(glob.glob(os.path.join(d,'nf-*-*.txt')))}
# Predictions from each build's first run that has the row (a run whose median fell to the timer's floor lacks it).
def predictions(build):
    p={}
    for path in sorted(glob.glob(os.path.join(d,'nf-%s-*.txt'%build))):
        for k,v in rows(path).items(): p.setdefault(k,v)
    return p
pa=predictions('after'); pb=predictions('before')
wa=wb=0; ea=[]; eb=[]
print('%-24s %9s %9s  %-40s %9s %7s %7s'%('workload','pred B','pred A','measured (shared<=%d/7)'%maxshared,'median','err B','err A'))
for k in pa:
    ms=[r[k][0] for r in runs.values() if k in r and r[k][2]<=maxshared]
    allm=[r[k][0] for r in runs.values() if k in r]
    if not ms: print(k,'no clean run', allm); continue
    if k not in pb: print(k,'no prediction of B'); continue
    med=st.median(ms); b=pb[k][1]; a=pa[k][1]
    e1=(b-med)/med; e2=(a-med)/med; eb.append(abs(e1)); ea.append(abs(e2)); wb+=abs(e1)<=0.1; wa+=abs(e2)<=0.1
    print('%-24s %9.1f %9.1f  %-40s %9.1f %+6.0f%% %+6.0f%%'%(k,b,a,' '.join('%.1f'%x for x in ms),med,100*e1,100*e2))
print('B: %d of %d within 10%%, mean %.1f%%;  A: %d of %d, mean %.1f%%'%(wb,len(eb),100*sum(eb)/len(eb),wa,len(ea),100*sum(ea)/len(ea)))

# Each run's machine state: the median over its rows of the probes' factors and kernel ratios (before and after each row),
# against the profile that run predicted with. Printed, not used to drop runs.
print()
print('machine state per run (median over rows of the before/after probes; 1.00 = as the profile prices it):')
for path in sorted(glob.glob(os.path.join(d,'nf-*-*.txt'))):
    states=[s for row in nf_table.machine(path).values() for s in row.values()]
    if not states: print('%-22s -'%os.path.basename(path)); continue
    factors=[s['factor'][0] for s in states if s['factor']]
    kernels={}
    for s in states:
        for k,v in s['kernels'].items(): kernels.setdefault(k,[]).append(v[0])
    print('%-22s factor %s  %s'%(os.path.basename(path),'%.2f'%st.median(factors) if factors else '-','  '.join('%s %.2f'%(k,st.median(v)) for k,v in kernels.items())))
