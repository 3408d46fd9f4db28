# Summarises Pix.IndexOfStep output files: per variant and size, the median over rounds (own-core rows when two or
# more), then the fixed part = median - slope x items looked at, the slope fitted per variant over 176-512 items.
#   python3 bench/Pix.IndexOfStep/summary.py run1.tsv [run2.tsv ...]
import sys, statistics as st, collections
rows=collections.defaultdict(list); looked={}
for f in sys.argv[1:]:
    for line in open(f):
        p=line.rstrip('\n').split('\t')
        if len(p)!=6 or p[0]=='round': continue
        r,v,n,lk,ns,core=p
        rows[(v,int(n))].append((float(ns),core)); looked[(v,int(n))]=float(lk)
variants=[]; sizes=set()
for v,n in rows: 
    if v not in variants: variants.append(v)
    sizes.add(n)
sizes=sorted(sizes)
# slope per variant: from the two largest sizes' medians
print("median over rounds (own-core rows only when >=2), ns; then fixed = median - slope*looked, slope fitted over 176-512")
hdr="size\t"+"\t".join(variants)
print(hdr)
med={}
for n in sizes:
    out=[str(n)]
    for v in variants:
        xs=rows.get((v,n),[])
        own=[x for x,c in xs if c=='own']
        use=own if len(own)>=2 else [x for x,c in xs]
        if not use: out.append('-'); continue
        m=st.median(use); med[(v,n)]=m
        out.append(f"{m:.1f}({len(own)}/{len(xs)})")
    print("\t".join(out))
print("fixed part")
print(hdr)
slopes={}
for v in variants:
    pts=[(looked[(v,n)],med[(v,n)]) for n in sizes if (v,n) in med and 176<=n<=512]
    if len(pts)>=2:
        mx=sum(x for x,_ in pts)/len(pts); my=sum(y for _,y in pts)/len(pts)
        slopes[v]=sum((x-mx)*(y-my) for x,y in pts)/sum((x-mx)**2 for x,_ in pts)
print("slope\t"+"\t".join(f"{slopes.get(v,0):.4f}" for v in variants))
for n in sizes:
    out=[str(n)]
    for v in variants:
        if (v,n) in med and v in slopes: out.append(f"{med[(v,n)]-slopes[v]*looked[(v,n)]:.1f}")
        else: out.append('-')
    print("\t".join(out))
