#!/usr/bin/env python3
"""Where each copy of the placement-sensitive kernels' Tier-1 code starts (mod 64), beside each copy's figure.

The calibrator times the append kernel and the loop-exit pair in several copies of their code (PlacementCopies). This
reads one calibration process's JIT summary (the order, and which copy, of each Tier-1 compile) and its perf map (the
addresses, in the same order), zips the two, and prints each copy's start modulo 64 and its row of `pix calibrate`'s
table. Make the three files with:

  DOTNET_PerfMapEnabled=1 DOTNET_JitStdOutFile=jit.txt DOTNET_JitDisasmSummary=1 dotnet pix.dll calibrate -o p.pixhw.json > p.out
  mv /tmp/perf-<pid>.map map.txt          # the newest /tmp/perf-*.map

Usage: copy-placements.py jit.txt map.txt p.out
"""
import re
import sys

# JIT summary name (generic, with the copy) -> perf map name (no generic arguments).
METHODS = {
    'search': (r'LoopExitKernels:IndexOf\[', r'LoopExitKernels::IndexOf\('),
    'search loop': (r'LoopExitKernels:Run\[', r'LoopExitKernels::Run\('),
    'append': (r'LibraryCopyCallKernel:Run\[', r'LibraryCopyCallKernel::Run\(int32\)'),
}


def main(jit_path, map_path, out_path):
    jit = [l for l in open(jit_path) if 'Tier1' in l and 'Instrumented' not in l]
    entries = []
    for line in open(map_path):
        address, _, name = line.rstrip('\n').split(' ', 2)
        if '[OptimizedTier1]' in name or '[Optimized]' in name:
            entries.append((int(address, 16), name))
    memmove = [a % 64 for a, n in entries if 'SpanHelpers::Memmove(' in n]
    print(f'SpanHelpers.Memmove starts at {memmove} mod 64')
    for method, (in_jit, in_map) in METHODS.items():
        copies = [re.search(r'Copy(\d)', l).group(1) for l in jit if re.search(in_jit, l)]
        starts = [a % 64 for a, n in entries if re.search(in_map, n)]
        if len(copies) != len(starts):
            print(f'{method}: {len(copies)} Tier-1 compiles in the summary, {len(starts)} in the map: not matched')
            continue
        print(f'{method}: ' + ' '.join(f'copy {int(c) + 1} at {s}' for c, s in sorted(zip(copies, starts))))
    table = open(out_path).read()
    for kernel in (r'search exit, fixed at \d+', r'search exit, random of \d+', r'append \d+ chars x\d+'):
        rows = re.findall(rf'^({kernel}) \(copy (\d+) of \d+\)\s+\S+\s+([\d.]+)', table, re.M)
        if rows:
            print(f'{rows[0][0]}: ' + ' '.join(f'copy {c} {ns}' for _, c, ns in rows))
    for cls in ('LibraryCopyCall', 'LoopExitMiss', 'BranchMiss'):
        m = re.search(rf'^{cls}\s+([\d.]+)', table, re.M)
        print(f'{cls} {m.group(1) if m else "?"}')


if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
