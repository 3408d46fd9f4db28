#!/bin/bash
# The network-function figures published in docs/accuracy.md and docs/network-functions.md, in the
# order they were taken. Run from the repository root after
#   dotnet build src/Pix.Cli -c Release && dotnet build samples/NetworkFunctions -c Release
# BEFORE is the driver before the dispatch/header change (commit 683ca8a), for the before/after
# comparison on the same profile and in the same minutes:
#   git archive 683ca8a | tar -x -C /tmp/nf-before && (cd /tmp/nf-before && dotnet build samples/NetworkFunctions -c Release)
# Every step logs the time and `uptime`'s load average to $OUT/log.txt.
set -u
OUT=${OUT:-/tmp/nf/run}
BEFORE=${BEFORE:-/tmp/nf-before}
mkdir -p "$OUT"
PIX="dotnet src/Pix.Cli/bin/Release/net10.0/pix.dll"
NF="dotnet samples/NetworkFunctions/bin/Release/net10.0/NetworkFunctions.dll"
OLDNF="dotnet $BEFORE/samples/NetworkFunctions/bin/Release/net10.0/NetworkFunctions.dll"
step() { echo "== $1 $(date -u +%H:%M:%S) $(uptime | sed 's/.*load/load/')" | tee -a "$OUT/log.txt"; }
step "calibrate";                $PIX calibrate -o "$OUT/machine.pixhw.json" > "$OUT/calibrate.txt" 2>&1
# The driver before reads profiles without the memory-level curve (its reader refuses the new field); the curve changes no NF prediction.
python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); p.pop("memoryLoads",None); json.dump(p,open(sys.argv[2],"w"),indent=2)' "$OUT/machine.pixhw.json" "$OUT/machine-no-curve.pixhw.json"
step "measure, driver before";   $OLDNF measure all all --profile "$OUT/machine-no-curve.pixhw.json" > "$OUT/measure-before.txt" 2>&1
step "measure, driver after";    $NF measure all all --profile "$OUT/machine.pixhw.json" > "$OUT/measure-after.txt" 2>&1
step "measure, driver after (2)"; $NF measure all all --profile "$OUT/machine.pixhw.json" > "$OUT/measure-after-2.txt" 2>&1
step "done"
