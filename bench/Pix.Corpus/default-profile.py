#!/usr/bin/env python3
"""Where the default (depth-bounded) mode's extraction time goes, from a dotnet-trace sample profile (docs/robustness.md,
`tail26`). tail-profile.py reads the bottom-up mode, whose summaries and reach count the default mode does not have.

    dotnet-trace collect --profile dotnet-sampled-thread-time -o nj.nettrace -- \
        dotnet Pix.Corpus.dll --package P --no-generator --no-analyzers [--only-file tail.txt --repeat N]
    dotnet-trace convert --format speedscope -o nj nj.nettrace      # writes nj.speedscope.json
    python3 default-profile.py nj.speedscope.json [first-run|later-runs|all] [top] [part to rank, default 'own analysis'] [tail share: 0.01 = only the longest 1% of Extract calls]

Counts the main thread's samples inside InterfaceExtractor.Extract (in the timed run(s) chosen: the first one, cold; the
later ones, warm) and puts each on the innermost part of the session it is in: Roslyn binding (SemanticModels, MethodBodies,
the compiler's binders: whoever asked), the replay of recorded callee summaries (the check and the apply), the model's
assembly, the cross-compilation cache, or Pix's own analysis (MethodAnalyzer and below), whose frames are then ranked
(inclusive, and by innermost Pix frame). The leaves are biased to safe points (see tail-profile.py); JIT and GC on other
threads are not on this thread's stacks, and a GC pause shows as the allocating frame's time.
"""
import collections
import json
import sys


def tail_calls(events, extract, share):
    """The Extract calls (by index) that are the longest `share` of them. A call is a stretch of the trace with an Extract frame
    on the main thread's stack: two calls with no sample between them are one stretch, so this over-merges short calls, not
    the long ones the tail is made of."""
    stack, spans, start = [], [], None
    for event in events:
        if event['type'] == 'O':
            stack.append(event['frame'])
        else:
            while stack and stack.pop() != event['frame']:
                pass
        inside = any(f in extract for f in stack)
        if inside and start is None:
            start = event['at']
        elif not inside and start is not None:
            spans.append(event['at'] - start)
            start = None
    order = sorted(range(len(spans)), key=lambda i: -spans[i])
    keep = order[:max(1, int(len(spans) * share))]
    print(f'{len(spans)} Extract stretches; the longest {len(keep)}: {spans[keep[-1]]:.1f}–{spans[keep[0]]:.1f} ms')
    return set(keep)


def main(path, which, top, focus, tail):
    data = json.load(open(path))
    names = [f['name'].split('!', 1)[-1].split('(')[0] for f in data['shared']['frames']]
    profile = max(data['profiles'], key=lambda p: len(p['events']))  # the main thread: the one with the most samples

    def frames(test):
        return {i for i, n in enumerate(names) if test(n)}

    pseudo = frames(lambda n: n in ('CPU_TIME', 'UNMANAGED_CODE_TIME'))
    extract = frames(lambda n: n.endswith('InterfaceExtractor.Extract'))
    timed_run = frames(lambda n: n.endswith('Pix.Corpus.ExtractionRun.Run'))
    create = frames(lambda n: 'CorpusCompilation.Create' in n)
    # Innermost match wins, so a binding under the replay is binding, the analysis under a replay check is analysis.
    kinds = [
        ('binding', frames(lambda n: n.startswith(('Pix.Extraction.Analysis.MethodBodies.', 'Pix.Extraction.Analysis.SemanticModels'))
                           or (n.startswith('Microsoft.CodeAnalysis.') and ('Binder' in n or 'SemanticModel' in n or 'Binding' in n)))),
        ('own analysis', frames(lambda n: n.startswith('Pix.Extraction.Analysis.MethodAnalyzer'))),
        ('replay (check and apply)', frames(lambda n: 'ExtractionSession.TryReplay' in n or 'ReplayCheck' in n or 'ExtractionSession.Apply' in n)),
        ('recording (SessionRecorder, SummaryStore)', frames(lambda n: 'SessionRecorder' in n or 'SummaryStore' in n or 'SummaryRecord' in n)),
        ('model assembly', frames(lambda n: 'ModelAssembler' in n or 'ResolutionMerger' in n)),
        ('cross-compilation cache', frames(lambda n: n.startswith('Pix.Extraction.Caching.') and 'SummaryStore' not in n)),
    ]
    parts, inclusive, innermost = collections.Counter(), collections.Counter(), collections.Counter()
    chosen = tail_calls(profile['events'], extract, tail) if tail else None
    stack, last, runs, created, counting, call, counting_call = [], None, 0, True, False, -1, False
    for event in profile['events']:
        at = event['at']
        if last is not None and counting and stack and (chosen is None or call in chosen):
            dt = at - last
            kind, at_index = 'other (session, harness)', -1
            for j in range(len(stack) - 1, -1, -1):
                hit = next((k for k, fs in kinds if stack[j] in fs), None)
                if hit:
                    kind, at_index = hit, j
                    break
            parts[kind] += dt
            if kind == focus:
                seen = set()
                for f in stack:
                    if f not in pseudo and names[f].startswith('Pix.') and names[f] not in seen:
                        inclusive[names[f]] += dt
                        seen.add(names[f])
                pix = [f for f in stack if names[f].startswith('Pix.')]
                innermost[names[pix[-1]]] += dt
        last = at
        if event['type'] == 'O':
            stack.append(event['frame'])
            if event['frame'] in timed_run and created:  # a timed run starts after each fresh compilation
                runs, created = runs + 1, False
            if event['frame'] in create:
                created = True
        else:
            while stack and stack.pop() != event['frame']:
                pass
        inside = any(f in extract for f in stack)
        if inside and not counting_call:
            call += 1
        counting_call = inside
        counting = inside and (which == 'all' or (which == 'first-run') == (runs == 1))

    total = sum(parts.values()) or 1
    own = parts[focus] or 1
    print(f'timed runs {runs}; sampled in extraction ({which}): {total:.0f} ms')
    for kind, ms in parts.most_common():
        print(f'{ms / total * 100:5.1f}%  {ms:8.0f} ms  {kind}')
    print(f'--- {focus}, inclusive (% of it)')
    for name, ms in inclusive.most_common(top):
        print(f'{ms / own * 100:5.1f}%  {name}')
    print(f'--- {focus}, by innermost Pix frame (% of it)')
    for name, ms in innermost.most_common(top // 2):
        print(f'{ms / own * 100:5.1f}%  {name}')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else 'all', int(sys.argv[3]) if len(sys.argv) > 3 else 60,
         sys.argv[4] if len(sys.argv) > 4 else 'own analysis', float(sys.argv[5]) if len(sys.argv) > 5 else 0)
