#!/bin/bash
# Alternates A (this worktree) and B (the build before) pix validate on the Quickstart, one profile per deployment
# ($OUT/tiered.pixhw.json, $OUT/tc0.pixhw.json), twice (twenty-third session, `quiet23`):
#   B=/tmp/s23-before OUT=/tmp/q23 bench/accuracy-scoring/measure-ab-validate.sh
A=${A:-$(pwd)}; B=${B:?B = worktree of the build before}; OUT=${OUT:-/tmp/q23}; mkdir -p $OUT
QS=samples/Quickstart/bin/Release/net10.0/Quickstart.dll
run() { # name dir env profile
  local name=$1 dir=$2 tc=$3 prof=$4; local s=$(date +%s)
  echo "$name start $(date -u +%T) $(uptime | sed 's/.*load/load/')" >> $OUT/runs.txt
  (cd $dir && env DOTNET_TieredCompilation=$tc dotnet src/Pix.Cli/bin/Release/net10.0/pix.dll validate $QS --project samples/Quickstart --profile $prof --warmup 0.5 --out $OUT/validate-$name.md > $OUT/val-$name.txt 2> $OUT/val-$name.err)
  echo "$name done $(( $(date +%s)-s )) s $(date -u +%T) $(uptime | sed 's/.*load/load/')" >> $OUT/runs.txt
}
for r in 1 2; do
  run a-tiered-$r $A 1 $OUT/tiered.pixhw.json
  run b-tiered-$r $B 1 $OUT/tiered.pixhw.json
  run a-tc0-$r $A 0 $OUT/tc0.pixhw.json
  run b-tc0-$r $B 0 $OUT/tc0.pixhw.json
done
echo all done >> $OUT/runs.txt
