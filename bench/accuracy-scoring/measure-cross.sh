#!/bin/bash
# Usage: bench/accuracy-scoring/measure-cross.sh OUT; B, A and P below name the two builds and the profile.
# NF and Quickstart, two builds (before, after) on one profile, alternating; runs=${RUNS:-2} of each.
# First used by the fold helper (fourth session), again for the fifth session's changes (docs/accuracy.md).
set -u
OUT=$1; mkdir -p $OUT
P=${P:?P = the profile (*.pixhw.json)}
PB=${PB:-$P}   # the profile as the before build reads it (e.g. without a cost class it does not know)
B=${B:?B = the worktree of the build before}; A=${A:-.}
step() { echo "== $1 $(date -u +%H:%M:%S) $(uptime | sed 's/.*load/load/')" | tee -a $OUT/log.txt; }
for r in $(seq 1 ${RUNS:-2}); do
  step "nf before $r"; (cd $B && dotnet samples/NetworkFunctions/bin/Release/net10.0/NetworkFunctions.dll measure all all --profile $PB > $OUT/nf-before-$r.txt 2>&1)
  step "nf after $r";  (cd $A && dotnet samples/NetworkFunctions/bin/Release/net10.0/NetworkFunctions.dll measure all all --profile $P > $OUT/nf-after-$r.txt 2>&1)
done
for r in $(seq 1 ${RUNS:-2}); do
  step "qs before $r"; dotnet $B/samples/Quickstart/bin/Release/net10.0/Quickstart.dll --profile $PB > $OUT/qs-before-$r.txt 2>&1
  step "qs after $r";  dotnet $A/samples/Quickstart/bin/Release/net10.0/Quickstart.dll --profile $P > $OUT/qs-after-$r.txt 2>&1
done
step done
