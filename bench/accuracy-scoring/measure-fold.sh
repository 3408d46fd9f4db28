#!/bin/bash
# Usage: bench/accuracy-scoring/measure-fold.sh OUT; B, A and P below name the two builds and the profile.
# fold helper: NF and Quickstart, main (before) vs fold (after) on one profile, alternating.
set -u
OUT=$1; mkdir -p $OUT
P=${P:-/tmp/fold/hw.pixhw.json}
B=${B:-/tmp/fold-before}; A=${A:-.}
step() { echo "== $1 $(date -u +%H:%M:%S) $(uptime | sed 's/.*load/load/')" | tee -a $OUT/log.txt; }
for r in 1 2; do
  step "nf before $r"; (cd $B && dotnet samples/NetworkFunctions/bin/Release/net10.0/NetworkFunctions.dll measure all all --profile $P > $OUT/nf-before-$r.txt 2>&1)
  step "nf after $r";  (cd $A && dotnet samples/NetworkFunctions/bin/Release/net10.0/NetworkFunctions.dll measure all all --profile $P > $OUT/nf-after-$r.txt 2>&1)
done
for r in 1 2; do
  step "qs before $r"; dotnet $B/samples/Quickstart/bin/Release/net10.0/Quickstart.dll --profile $P > $OUT/qs-before-$r.txt 2>&1
  step "qs after $r";  dotnet $A/samples/Quickstart/bin/Release/net10.0/Quickstart.dll --profile $P > $OUT/qs-after-$r.txt 2>&1
done
step done
