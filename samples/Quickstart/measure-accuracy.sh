#!/bin/bash
# The measurements published in docs/accuracy.md ("The Quickstart on calibrated profiles"), in the
# order they were taken. Run from the repository root after
#   dotnet build src/Pix.Cli -c Release && dotnet build samples/Quickstart -c Release
# BEFORE is a Quickstart built by the extractor before the change being measured, for the
# before/after comparison (same profile, same process order); for the Tier-1 counting change:
#   git archive 5a4ad97 | tar -x -C /tmp/acc/before && dotnet build /tmp/acc/before/samples/Quickstart -c Release
# Without a BEFORE build (BEFORE=none) the comparison is this build timed both ways instead: each call's
# latency (the default, calls fenced off) against calls back to back (--throughput).
# Every step logs the time and `uptime`'s load average to $OUT/log.txt. The Quickstart runs twice
# back to back with each build, to show the run-to-run noise next to the change.
set -u
OUT=${OUT:-/tmp/acc/run}
BEFORE=${BEFORE:-/tmp/acc/before}
mkdir -p "$OUT"
PIX="dotnet src/Pix.Cli/bin/Release/net10.0/pix.dll"
QS="dotnet samples/Quickstart/bin/Release/net10.0/Quickstart.dll"
QS_BEFORE="dotnet $BEFORE/samples/Quickstart/bin/Release/net10.0/Quickstart.dll"
DLL=samples/Quickstart/bin/Release/net10.0/Quickstart.dll
step() { echo "== $1 $(date -u +%H:%M:%S) $(uptime | sed 's/.*load/load/')" | tee -a $OUT/log.txt; }
sha256sum samples/Quickstart/bin/Release/net10.0/interfaces/*.cs > $OUT/interfaces-before.sha256
step "calibrate (tiered)";          $PIX calibrate -o $OUT/tiered.pixhw.json > $OUT/cal-tiered.txt 2>&1
step "calibrate (TC=0)";            DOTNET_TieredCompilation=0 $PIX calibrate -o $OUT/tc0.pixhw.json > $OUT/cal-tc0.txt 2>&1
if [ "$BEFORE" = none ]; then
step "quickstart throughput, run 1"; $QS --profile $OUT/tiered.pixhw.json --throughput > $OUT/qs-throughput-1.txt 2>&1
step "quickstart latency, run 1";   $QS --profile $OUT/tiered.pixhw.json > $OUT/qs-after-1.txt 2>&1
step "quickstart throughput, run 2"; $QS --profile $OUT/tiered.pixhw.json --throughput > $OUT/qs-throughput-2.txt 2>&1
step "quickstart latency, run 2";   $QS --profile $OUT/tiered.pixhw.json > $OUT/qs-after-2.txt 2>&1
else
step "quickstart before, run 1";    $QS_BEFORE --profile $OUT/tiered.pixhw.json > $OUT/qs-before-1.txt 2>&1
step "quickstart after, run 1";     $QS --profile $OUT/tiered.pixhw.json > $OUT/qs-after-1.txt 2>&1
step "quickstart before, run 2";    $QS_BEFORE --profile $OUT/tiered.pixhw.json > $OUT/qs-before-2.txt 2>&1
step "quickstart after, run 2";     $QS --profile $OUT/tiered.pixhw.json > $OUT/qs-after-2.txt 2>&1
fi
step "quickstart TC=0";             DOTNET_TieredCompilation=0 $QS --profile $OUT/tc0.pixhw.json > $OUT/qs-tc0.txt 2>&1
step "validate tiered";             $PIX validate $DLL --project samples/Quickstart --profile $OUT/tiered.pixhw.json --warmup 0.5 --out $OUT/validate-tiered.md > $OUT/val-tiered.txt 2> $OUT/val-tiered.err
step "validate TC=0";               DOTNET_TieredCompilation=0 $PIX validate $DLL --project samples/Quickstart --profile $OUT/tc0.pixhw.json --warmup 0.5 --out $OUT/validate-tc0.md > $OUT/val-tc0.txt 2> $OUT/val-tc0.err
step "kernels";                     $QS --kernels > $OUT/kernels.txt 2>&1
sha256sum samples/Quickstart/bin/Release/net10.0/interfaces/*.cs > $OUT/interfaces-after.sha256
step "done"
