#!/usr/bin/env python3
"""LatencyOf_Multiply on each profile given, by HardwareProfile.PriceBlock's rule on the generated blocks of Quickstart's Geometry.Multiply
(as of the twenty-fifth session; docs/accuracy.md, "issue25"). Usage: python3 bench/issue-slot/multiply-price.py P.pixhw.json..."""
import json, sys
SINGLE = {'IntegerAlu','IntegerMultiply','IntegerDivide','FloatAdd','FloatMultiply','FloatDivide','Load','Store','BoundsCheck','Branch'}
def price(p, counts, chain={}, taken=0, folded=0):
    c = p['costs']; width = p.get('issueWidth', 4); slot = c['IntegerAlu']['latencyNs'] / width
    seq = port = fa = fm = slots = alu = br = ld = 0
    for k, n in counts.items():
        ns = n * c[k]['throughputNs']
        if k not in SINGLE: seq += ns; continue
        port = max(port, ns); slots += n
        if k == 'FloatAdd': fa += ns
        if k == 'FloatMultiply': fm += ns
        if k == 'IntegerAlu': alu += n
        if k == 'Branch': br += n
        if k == 'Load': ld += n
    slots -= max(0, min(alu, br)); slots -= max(0, min(ld, folded))
    s = p.get('floatPortSharing', 1); port = max(port, max(fa, fm) + s * min(fa, fm))
    tb = max(seq + max(port, slots * slot), taken * width * slot)
    lb = sum(n * c[k]['latencyNs'] for k, n in chain.items())
    return max(tb, lb)
def multiply(p, n):
    straight = price(p, {'IntegerAlu':1,'IntegerMultiply':1,'Branch':1,'Allocation':1,'AllocatedByte':16}, {'IntegerMultiply':1})
    zero = price(p, {'AllocatedByte':8})
    l1 = price(p, {'IntegerAlu':3,'IntegerMultiply':1,'Branch':2}, {'IntegerAlu':1}, 1)
    l2 = price(p, {'IntegerAlu':4,'IntegerMultiply':1,'Load':1,'BoundsCheck':1,'Branch':2}, {'IntegerAlu':1}, 1)
    l3 = price(p, {'IntegerAlu':5,'FloatAdd':1,'FloatMultiply':1,'Load':2,'Store':1,'BoundsCheck':2,'Branch':1}, {'IntegerAlu':1}, 1)
    return straight + n*n*zero + n*l1 + n*n*l2 + n**3*l3, l3
if __name__ == '__main__':
    for f in sys.argv[1:]:
        p = json.load(open(f)); slot = p['costs']['IntegerAlu']['latencyNs'] / p.get('issueWidth', 4)
        print(f"{f}: slot {slot:.4f} ns, inner {multiply(p,1)[1]:.4f} ns, n=4 {multiply(p,4)[0]:.1f} ns, n=90 {multiply(p,90)[0]/1000:.1f} us")
