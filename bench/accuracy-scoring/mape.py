#!/usr/bin/env python3
# MAPE of Quickstart outputs, or within-10% counts of NF driver outputs, as docs/accuracy.md quotes them:
#   python3 bench/accuracy-scoring/mape.py qs OUT/qs-after-1.txt OUT/qs-after-2.txt
#   python3 bench/accuracy-scoring/mape.py nf OUT/nf-after-1.txt
# MAPE = mean |predicted - measured| / measured over every input of every method.
import re,sys
unit={'ns':1,'µs':1e3,'ms':1e6,'s':1e9}
def parse(path):
    per={}; cur=None
    for line in open(path,encoding='utf-8'):
        m=re.match(r'^(\w+\.\w+)\(',line)
        if m: cur=m.group(1); continue
        m=re.match(r'^\s{2}\S.*?\s{2,}([\d.,]+) (ns|µs|ms)\s+([\d.,]+) (ns|µs|ms)\s',line)
        if m and cur and not line.strip().startswith('LatencyOf'):
            p=float(m.group(1).replace(',',''))*unit[m.group(2)]; q=float(m.group(3).replace(',',''))*unit[m.group(4)]
            per.setdefault(cur,[]).append(abs(p-q)/q)
    return per
def nf(path):
    n=0;k=0;rows={}
    for line in open(path):
        m=re.match(r'^(\w+)\s+(\S+)\s+\d+\s.*?([+-]\d+)%',line)
        if m:
            e=int(m.group(3)); rows[m.group(1)+' '+m.group(2)]=e; n+=1; k+= abs(e)<=10
    return k,n,rows
if sys.argv[1]=='qs':
    for f in sys.argv[2:]:
        per=parse(f); allv=[v for l in per.values() for v in l]
        print(f, 'overall MAPE %.1f%% over %d inputs'%(100*sum(allv)/len(allv),len(allv)))
        print('   '+', '.join('%s %.1f%%'%(k.split('.')[1],100*sum(v)/len(v)) for k,v in per.items()))
else:
    for f in sys.argv[2:]:
        k,n,rows=nf(f); print(f,'within 10%%: %d of %d'%(k,n))
