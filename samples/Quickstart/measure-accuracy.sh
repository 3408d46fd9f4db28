#!/bin/bash
# The measurements published in docs/accuracy.md, in the order they were taken. Run from the
# repository root after `dotnet build src/Pix.Cli -c Release` and `dotnet build samples/Quickstart -c Release`.
# OLDPIX is pix before the calibration change (commit 08805a4), for the before/after comparison:
#   git archive 08805a4 | tar -x -C /tmp/acc/old && dotnet build /tmp/acc/old/src/Pix.Cli -c Release
# Every step logs the time and `uptime`'s load average to $OUT/log.txt.
set -u
OUT=${OUT:-/tmp/acc/run}
mkdir -p "$OUT"
PIX="dotnet src/Pix.Cli/bin/Release/net10.0/pix.dll"
OLDPIX="dotnet /tmp/acc/old/src/Pix.Cli/bin/Release/net10.0/pix.dll"
QS="dotnet samples/Quickstart/bin/Release/net10.0/Quickstart.dll"
DLL=samples/Quickstart/bin/Release/net10.0/Quickstart.dll
step() { echo "== $1 $(date -u +%H:%M:%S) $(uptime | sed 's/.*load/load/')" | tee -a $OUT/log.txt; }
sha256sum samples/Quickstart/bin/Release/net10.0/interfaces/*.cs > $OUT/interfaces-before.sha256
step "calibrate old (intercept)";  $OLDPIX calibrate -o $OUT/old.pixhw.json > $OUT/cal-old.txt 2>&1
step "calibrate new (tiered)";     $PIX calibrate -o $OUT/tiered.pixhw.json > $OUT/cal-tiered.txt 2>&1
step "calibrate new (TC=0)";       DOTNET_TieredCompilation=0 $PIX calibrate -o $OUT/tc0.pixhw.json > $OUT/cal-tc0.txt 2>&1
step "quickstart old profile";     $QS --profile $OUT/old.pixhw.json > $OUT/qs-old.txt 2>&1
step "quickstart tiered profile";  $QS --profile $OUT/tiered.pixhw.json > $OUT/qs-tiered.txt 2>&1
step "quickstart TC=0";            DOTNET_TieredCompilation=0 $QS --profile $OUT/tc0.pixhw.json > $OUT/qs-tc0.txt 2>&1
step "quickstart TC=0 with tiered profile"; DOTNET_TieredCompilation=0 $QS --profile $OUT/tiered.pixhw.json > $OUT/qs-tc0-tieredprofile.txt 2>&1
step "validate tiered";            $PIX validate $DLL --project samples/Quickstart --profile $OUT/tiered.pixhw.json --warmup 0.5 --out $OUT/validate-tiered.md > $OUT/val-tiered.txt 2> $OUT/val-tiered.err
step "validate TC=0";              DOTNET_TieredCompilation=0 $PIX validate $DLL --project samples/Quickstart --profile $OUT/tc0.pixhw.json --warmup 0.5 --out $OUT/validate-tc0.md > $OUT/val-tc0.txt 2> $OUT/val-tc0.err
step "kernels";                  $QS --kernels > $OUT/kernels.txt 2>&1
sha256sum samples/Quickstart/bin/Release/net10.0/interfaces/*.cs > $OUT/interfaces-after.sha256
step "done"
