#!/bin/bash
# The fifth session's final measurements (docs/accuracy.md, "Fifth session"), from the repository root:
#   B=<worktree of the build before> C=<worktree of a candidate build> OUT=/tmp/s5final bench/accuracy-scoring/measure-final.sh
# All three built in Release (src/Pix.Cli, samples/Quickstart, samples/NetworkFunctions); A is this worktree.

set -u
OUT=${OUT:-/tmp/s5final}; mkdir -p $OUT
step() { echo "== $1 $(date -u +%H:%M:%S) $(uptime | sed 's/.*load/load/')" | tee -a $OUT/log.txt; }
NF=samples/NetworkFunctions/bin/Release/net10.0/NetworkFunctions.dll
QS=samples/Quickstart/bin/Release/net10.0/Quickstart.dll
A=$(pwd); B=${B:?B = worktree of the build before}; C=${C:?C = worktree of a candidate build}
OUT=$OUT BEFORE=none bash samples/Quickstart/measure-accuracy.sh
python3 - "$OUT" <<'PY'
import json,sys
d=json.load(open(sys.argv[1]+'/tiered.pixhw.json')); d['costs'].pop('BranchMiss',None)
json.dump(d,open(sys.argv[1]+'/before.pixhw.json','w'),indent=2)
PY
P=$OUT/tiered.pixhw.json
step "nf A 1";  dotnet $A/$NF measure all all --profile $P > $OUT/nf-after-1.txt 2>&1
step "nf B";    (cd $B && dotnet $NF measure all all --profile $OUT/before.pixhw.json > $OUT/nf-before-1.txt 2>&1)
step "nf C";    (cd $C && dotnet $NF measure all all --profile $P > $OUT/nf-inline-1.txt 2>&1)
step "nf A 2";  dotnet $A/$NF measure all all --profile $P > $OUT/nf-after-2.txt 2>&1
step "qs B";    dotnet $B/$QS --profile $OUT/before.pixhw.json > $OUT/qs-before-1.txt 2>&1
step "qs C";    dotnet $C/$QS --profile $P > $OUT/qs-inline-1.txt 2>&1
step "done"
# Scoring: B vs A, and A vs C, each over every run's measurements.
mkdir -p $OUT/xa $OUT/xc
for k in nf qs; do
  cp $OUT/$k-before-1.txt $OUT/xa/$k-before-1.txt; cp $OUT/$k-after-1.txt $OUT/xa/$k-after-1.txt; cp $OUT/$k-after-2.txt $OUT/xa/$k-after-2.txt; cp $OUT/$k-inline-1.txt $OUT/xa/$k-inline-1.txt
  cp $OUT/$k-after-1.txt $OUT/xc/$k-before-1.txt; cp $OUT/$k-inline-1.txt $OUT/xc/$k-after-1.txt; cp $OUT/$k-after-2.txt $OUT/xc/$k-after-2.txt; cp $OUT/$k-before-1.txt $OUT/xc/$k-other-1.txt
done
