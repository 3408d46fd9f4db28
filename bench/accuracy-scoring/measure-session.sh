#!/bin/bash
# A session's closing measurements (docs/accuracy.md, "Seventh session"), from the repository root:
#   B=<worktree of the session's starting commit> OUT=/tmp/s7final bench/accuracy-scoring/measure-session.sh
# A (this worktree) and B built in Release: src/Pix.Cli, samples/Quickstart, samples/NetworkFunctions.
# One profile for everything (calibrated first, then calibrated again to show how far two calibrations agree);
# the Quickstart and the network functions alternate A and B; pix validate runs in both deployments (tiered, TC=0).
# B_DROP=field,field (optional): profile fields B is priced without, for fields the session's calibrator added (e.g.
# issueWidth, measured from the eighth session on; machine.l2CacheBytes, a nested one, from the fifteenth): B then prices
# as it would on its own calibrator's profile.
# B_ZERO_THROUGHPUT=Class,Class (optional): classes whose throughputNs B's calibrator wrote as 0 (Load, measured by the
# load-port kernel from the ninth session on). B_DROP_CLASSES=Class,Class (optional): cost classes B's reader does not
# know (ScaledLea, from the twelfth session on: an older reader refuses a profile with it). CAL_OPTS (optional): options for every calibration (e.g. --default-issue-width).
set -u
OUT=${OUT:-/tmp/s7final}; mkdir -p $OUT
B=${B:?B = worktree of the build before}; A=$(pwd)
NF=samples/NetworkFunctions/bin/Release/net10.0/NetworkFunctions.dll
QS=samples/Quickstart/bin/Release/net10.0/Quickstart.dll
PIX="dotnet src/Pix.Cli/bin/Release/net10.0/pix.dll"
step() { echo "== $1 $(date -u +%H:%M:%S) $(uptime | sed 's/.*load/load/')" | tee -a $OUT/log.txt; }
# calibrate PROFILE LOG [VAR=value]: pix calibrate once. Until the fifteenth session this calibrated again (up to 3 times)
# while pix calibrate warned that every pass ran on a shared core; the calibrator now passes on by itself until a pass runs
# on a core of its own (up to --ceiling, twice the budget), and its output says which passes were quiet.
calibrate() {
  local profile=$1 log=$2; shift 2
  env "$@" $PIX calibrate ${CAL_OPTS:-} -o $profile > $log 2>&1
}
step "calibrate (tiered)";       calibrate $OUT/tiered.pixhw.json $OUT/cal-tiered.txt
step "calibrate again (tiered)"; calibrate $OUT/tiered-2.pixhw.json $OUT/cal-tiered-2.txt
step "calibrate (TC=0)";         calibrate $OUT/tc0.pixhw.json $OUT/cal-tc0.txt DOTNET_TieredCompilation=0
P=$OUT/tiered.pixhw.json
PB=$P
# B's copies of the two profiles (before.pixhw.json, before-tc0.pixhw.json; measure-closing.sh's B validate reads them too).
before_profile() {
  python3 - "$1" "$2" "${B_DROP:-}" "${B_ZERO_THROUGHPUT:-}" "${B_DROP_CLASSES:-}" <<'PY'
import json, sys
profile = json.load(open(sys.argv[1]))
for field in filter(None, sys.argv[3].split(',')):
    # A dotted name is a field of a nested object: machine.l2CacheBytes (the fifteenth session's).
    *parents, name = field.split('.')
    node = profile
    for parent in parents:
        node = node.get(parent, {})
    node.pop(name, None)
for cls in filter(None, sys.argv[4].split(',')):
    profile['costs'][cls]['throughputNs'] = 0
for cls in filter(None, sys.argv[5].split(',')):
    profile['costs'].pop(cls, None)
json.dump(profile, open(sys.argv[2], 'w'), indent=2)
PY
}
if [ -n "${B_DROP:-}${B_ZERO_THROUGHPUT:-}${B_DROP_CLASSES:-}" ]; then
  PB=$OUT/before.pixhw.json
  before_profile $P $PB
  before_profile $OUT/tc0.pixhw.json $OUT/before-tc0.pixhw.json
fi
step "nf A 1"; dotnet $A/$NF measure all all --profile $P > $OUT/nf-after-1.txt 2>&1
step "nf B 1"; (cd $B && dotnet $NF measure all all --profile $PB > $OUT/nf-before-1.txt 2>&1)
step "nf A 2"; dotnet $A/$NF measure all all --profile $P > $OUT/nf-after-2.txt 2>&1
step "nf B 2"; (cd $B && dotnet $NF measure all all --profile $PB > $OUT/nf-before-2.txt 2>&1)
step "qs A 1"; dotnet $QS --profile $P > $OUT/qs-after-1.txt 2>&1
step "qs B 1"; dotnet $B/$QS --profile $PB > $OUT/qs-before-1.txt 2>&1
step "qs A 2"; dotnet $QS --profile $P > $OUT/qs-after-2.txt 2>&1
step "qs B 2"; dotnet $B/$QS --profile $PB > $OUT/qs-before-2.txt 2>&1
step "qs TC=0"; DOTNET_TieredCompilation=0 dotnet $QS --profile $OUT/tc0.pixhw.json > $OUT/qs-tc0.txt 2>&1
step "validate tiered"; $PIX validate $QS --project samples/Quickstart --profile $P --warmup 0.5 --out $OUT/validate-tiered.md > $OUT/val-tiered.txt 2> $OUT/val-tiered.err
step "validate TC=0";   DOTNET_TieredCompilation=0 $PIX validate $QS --project samples/Quickstart --profile $OUT/tc0.pixhw.json --warmup 0.5 --out $OUT/validate-tc0.md > $OUT/val-tc0.txt 2> $OUT/val-tc0.err
step "done"
# Scoring: python3 bench/accuracy-scoring/cross.py nf $OUT --per-workload; python3 bench/accuracy-scoring/cross.py qs $OUT
