# Sums the corpus report's opaque-call ranking (OpaqueCallRanking.cs: a method is completed by a model when every gap
# it has is a call that model covers) over groups of APIs, from a --dump-models file: which library models a
# session's work would complete together (docs/robustness.md, twelfth session). Usage: python3 opaque-call-groups.py F.models
import sys,re,collections
exc='(Exception|SystemException|NotSupportedException|NotImplementedException|InvalidOperationException|FormatException|IndexOutOfRangeException|KeyNotFoundException)'
groups=[('exc',re.compile(r'^%s\.%s\((|string|string, Exception)\)$'%(exc,exc)), ),('exc2',re.compile(r'^ArgumentException\.ArgumentException\((|string)\)$')),
 ('attr',re.compile(r'^(Attribute\.Attribute|TypeConverter\.TypeConverter)\(\)$')),
 ('divrem',re.compile(r'^Math\.DivRem\(')),
 ('cmp',re.compile(r'^(short|ushort|int|uint|long|ulong)\.CompareTo\((short|ushort|int|uint|long|ulong)\)$')),
 ('newline',re.compile(r'^Environment\.NewLine\.get$')),
 ('small',re.compile(r'(\?\.(HasValue\.get|Value\.get|GetValueOrDefault\(.*\))$)|^KeyValuePair<.*>\.(KeyValuePair\(.*\)|Key\.get|Value\.get)$|^Array\.Empty<.*>\(\)$|^TimeSpan\.Ticks\.get$|^(int|uint|long|ulong)\.GetHashCode\(\)$|^List<.*>\.GetEnumerator\(\)$|^ReadOnlyCollection<.*>\.ReadOnlyCollection\(IList<.*>\)$')),
 ('cdict',re.compile(r'^ConcurrentDictionary<.*>\.(TryGetValue\(|ContainsKey\(|this\[)')),
]
def group(t):
    for name,rx in groups:
        if rx.search(t): return 'exc' if name=='exc2' else name
    return None
touch=collections.Counter(); alone=collections.Counter(); anyall=0; anytouch=0
cur=None
def flush(g):
    global anyall, anytouch
    if not g: return
    tags=set()
    for kind,cons in g:
        t=cons[8:] if kind=='OpaqueCall' and cons.startswith('call to ') else None
        tags.add(group(t) if t else None)
    for x in tags:
        if x: touch[x]+=1
    if len(tags)==1 and None not in tags: alone[next(iter(tags))]+=1
    if None not in tags: anyall+=1
    if tags-{None}: anytouch+=1
for line in open(sys.argv[1]):
    if line.startswith('# '):
        flush(cur); cur=[]
    elif line.startswith('  gap ') and cur is not None:
        m=re.match(r'  gap (\w+): (.*?) @',line); cur.append((m.group(1),m.group(2)))
flush(cur)
for name in ['exc','attr','divrem','cmp','newline','small','cdict']:
    print(f"{name:8} {touch[name]:5} / {alone[name]}")
print("all groups: touched", anytouch, "completed by all together", anyall)
