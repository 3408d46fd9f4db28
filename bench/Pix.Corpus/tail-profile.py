#!/usr/bin/env python3
"""Where a replayed tail's extraction time goes, from a dotnet-trace sample profile (docs/robustness.md, `tail25`).

    dotnet-trace collect --profile dotnet-sampled-thread-time -o tail.nettrace -- \
        dotnet Pix.Corpus.dll --package P --no-generator --no-analyzers --bottom-up --only-file tail.txt --repeat 40
    dotnet-trace convert --format speedscope -o tail tail.nettrace      # writes tail.speedscope.json
    python3 tail-profile.py tail.speedscope.json [top]

Counts the main thread's samples inside InterfaceExtractor.Extract after the first timed run (its JIT left out), and puts
each on what the innermost bottom-up summary frame was doing: the call graph's reach count (ExtractionSession.CountReach /
ReachesTooMany, CallGraph.*; split into the binding of the bodies it reads and the rest), binding for the analysis
(MethodBodies, SemanticModels, Roslyn's binders), or the summary's own analysis, whose frames are then ranked (inclusive,
and by the innermost Pix frame). The sampler suspends threads at safe points, so a sample's leaf is often a GC poll after an
array copy (Thread.PollGC) or a lock's slow path: the leaves are biased, the Pix frames above them are not; GC pauses are
read from the harness's own counters (--times), not from here.
"""
import collections
import json
import sys


def main(path, top):
    data = json.load(open(path))
    names = [f['name'].split('!', 1)[-1].split('(')[0] for f in data['shared']['frames']]
    profile = max(data['profiles'], key=lambda p: len(p['events']))  # the main thread: the one with the most samples

    def frames(test):
        return {i for i, n in enumerate(names) if test(n)}

    pseudo = frames(lambda n: n in ('CPU_TIME', 'UNMANAGED_CODE_TIME'))
    summary = frames(lambda n: n.endswith(('ExtractionSession.SummariseBottomUp', 'ExtractionSession.SummariseCycle')))
    walk = frames(lambda n: n.endswith(('ExtractionSession.CountReach', 'ExtractionSession.ReachesTooMany'))
                  or n.startswith('Pix.Extraction.Analysis.CallGraph.'))
    binding = frames(lambda n: n.startswith(('Pix.Extraction.Analysis.MethodBodies.', 'Pix.Extraction.Analysis.SemanticModels',
                                             'Pix.Extraction.Analysis.ThrowingMethods'))
                     or ('Microsoft.CodeAnalysis.CSharp.' in n and ('Binder' in n or 'SemanticModel' in n)))
    extract = frames(lambda n: n.endswith('InterfaceExtractor.Extract'))
    timed_run = frames(lambda n: n.endswith('Pix.Corpus.ExtractionRun.Run'))
    create = frames(lambda n: 'CorpusCompilation.Create' in n)

    parts, inclusive, innermost = collections.Counter(), collections.Counter(), collections.Counter()
    stack, last, runs, created, counting = [], None, 0, True, False
    for event in profile['events']:
        at = event['at']
        if last is not None and counting and stack:
            dt = at - last
            k = max((j for j, f in enumerate(stack) if f in summary), default=-1)
            inner = stack[k + 1:]
            if k < 0:
                kind = 'binding outside a summary' if any(f in binding for f in stack) else 'outside a summary'
            elif any(f in walk for f in inner):
                kind = 'call graph (reach count)'
                parts['  of it binding the bodies it reads' if any(f in binding for f in inner) else '  of it reading their calls'] += dt
            elif any(f in binding for f in inner):
                kind = 'binding for the analysis'
            else:
                kind = 'own analysis'
                seen = set()
                for f in inner:
                    if f not in pseudo and names[f] not in seen:
                        inclusive[names[f]] += dt
                        seen.add(names[f])
                pix = [f for f in inner if names[f].startswith('Pix.')]
                if pix:
                    innermost[names[pix[-1]]] += dt
            parts[kind] += dt
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
        counting = runs > 1 and any(f in extract for f in stack)

    total = sum(v for k, v in parts.items() if not k.startswith('  '))
    own = parts['own analysis'] or 1
    print(f'timed runs {runs}; sampled in extraction after the first: {total:.0f} ms')
    for kind, ms in sorted(parts.items(), key=lambda p: (p[0].startswith('  '), -p[1])):
        print(f'{ms / total * 100:5.1f}%  {ms:8.0f} ms  {kind}')
    print('--- own analysis, inclusive (% of own)')
    for name, ms in inclusive.most_common(top):
        print(f'{ms / own * 100:5.1f}%  {name}')
    print('--- own analysis, by innermost Pix frame (% of own)')
    for name, ms in innermost.most_common(top // 2):
        print(f'{ms / own * 100:5.1f}%  {name}')


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 60)
