#!/usr/bin/env python3
# Scores every run of two builds against BOTH builds' predictions (docs/accuracy.md, fold section).
# Both builds time the same sample code (Pix changes only the generated interfaces), so each run's
# measurements can be compared with the old and the new prediction, free of run-to-run noise.
#   python3 bench/accuracy-scoring/cross.py nf|qs DIR [--per-workload]
# DIR holds nf-before-1.txt, nf-after-1.txt, ... (or qs-...) from measure-cross.sh.
# Both builds time the same sample code (Pix changes only the generated interfaces), so every run's
# measurement can be scored against both predictions: old (main) and new (fold).
import re,sys,glob,os
import nf_table
unit={'ns':1,'µs':1e3,'ms':1e6}
def v(x,u): return float(x.replace(',',''))*unit[u]
def nf(path):
    return {k: (measured, predicted) for k, (measured, predicted, _) in nf_table.read(path).items()}
def qs(path):
    rows={};cur=None
    for line in open(path,encoding='utf-8'):
        m=re.match(r'^(\w+\.\w+)\(',line)
        if m: cur=m.group(1).split('.')[1]; continue
        m=re.match(r'^\s{2}(\S.*?)\s{2,}([\d.,]+) (ns|µs|ms)\s+([\d.,]+) (ns|µs|ms)\s',line)
        if m and cur: rows[cur+' | '+m.group(1).strip()]=(v(m.group(4),m.group(5)),v(m.group(2),m.group(3)))
    return rows
d=sys.argv[2]
kind=sys.argv[1]
f=nf if kind=='nf' else qs
runs=sorted(glob.glob(os.path.join(d,kind+'-*-*.txt')))
predB=f(os.path.join(d,kind+'-before-1.txt')); predA=f(os.path.join(d,kind+'-after-1.txt'))
keys=[k for k in predB if k in predA]  # a workload whose median fell under the timer's floor in a prediction run has no row there
for r in runs:
    m=f(r); eb=[];ea=[]
    for k in keys:
        if k not in m: continue
        meas=m[k][0]; eb.append((predB[k][1]-meas)/meas); ea.append((predA[k][1]-meas)/meas)
    if kind=='nf':
        print('%-22s old pricing: %2d of %d within 10%%, mean |error| %.0f%%   new: %2d of %d, %.0f%%'%(os.path.basename(r),sum(abs(e)<=0.1 for e in eb),len(eb),100*sum(map(abs,eb))/len(eb),sum(abs(e)<=0.1 for e in ea),len(ea),100*sum(map(abs,ea))/len(ea)))
    else:
        print('%-22s MAPE old %.1f%%  new %.1f%%'%(os.path.basename(r),100*sum(map(abs,eb))/len(eb),100*sum(map(abs,ea))/len(ea)))
if len(sys.argv)>3:
    print()
    for k in keys:
        ms=[f(r)[k][0] for r in runs if k in f(r)]
        print('%-45s pred %8.1f -> %8.1f  measured %s'%(k,predB[k][1],predA[k][1],' '.join('%.1f'%x for x in ms)))
