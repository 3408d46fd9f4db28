#!/bin/bash
# A session's closing run (docs/accuracy.md and docs/robustness.md, "Tenth session: closing measurements"), from the
# repository root: the corpus harness (A, B, then A with ALT_CORPUS_OPTS if set) on three packages, then
# measure-session.sh (calibrations, network functions, Quickstart, pix validate in both deployments), then B's pix validate
# on the same two profiles.
#   B=<worktree of the session's starting commit> OUT=/tmp/s10final [ALT_CORPUS_OPTS=--bottom-up] [EXTRA_RUNS=1] [SDK_CORPUS=dir] bench/accuracy-scoring/measure-closing.sh
# SDK_CORPUS=<folder> adds a fourth corpus run of A from that folder: the harness built with the SDK compiler's ReadyToRun
# Roslyn, as a build runs it (`dotnet build -c Release bench/Pix.Corpus -p:RoslynFromSdk=true -o <folder>`,
# docs/robustness.md "Nineteenth session: the JIT a build pays"); its reports go to corpus-Asdk-*.txt / times-Asdk-*.tsv.
# EXTRA_RUNS=1 adds what the closing sections since the twelfth session ran by hand after it: two more network-function
# runs per build, alternated (nf-after-3/4, nf-before-3/4), and a second tiered pix validate in A then B
# (validate-tiered-2, validate-b-tiered-2, with stderr kept in val-*-2.err for two-rules.py).
# A (this worktree) and B built in Release: src/Pix.Cli, samples/Quickstart, samples/NetworkFunctions, bench/Pix.Corpus.
set -u
OUT=${OUT:-/tmp/closing}; mkdir -p $OUT
B=${B:?B = worktree of the build before}; A=$(pwd)
step() { echo "== $1 $(date -u +%H:%M:%S) $(uptime | sed 's/.*load/load/')" | tee -a $OUT/log.txt; }
C=bench/Pix.Corpus/bin/Release/net10.0/Pix.Corpus.dll
for pkg in NodaTime@3.3.7 YamlDotNet@18.1.0 Newtonsoft.Json@13.0.4; do
  n=${pkg%@*}
  step "corpus A $n"; dotnet $A/$C --package $pkg --no-generator --no-analyzers --times $OUT/times-A-$n.tsv > $OUT/corpus-A-$n.txt 2>&1
  step "corpus B $n"; dotnet $B/$C --package $pkg --no-generator --no-analyzers --times $OUT/times-B-$n.tsv > $OUT/corpus-B-$n.txt 2>&1
  if [ -n "${ALT_CORPUS_OPTS:-}" ]; then
    step "corpus A alt $n"; dotnet $A/$C --package $pkg --no-generator --no-analyzers $ALT_CORPUS_OPTS --times $OUT/times-Aalt-$n.tsv > $OUT/corpus-Aalt-$n.txt 2>&1
  fi
  if [ -n "${SDK_CORPUS:-}" ]; then
    step "corpus A sdk $n"; dotnet $SDK_CORPUS/Pix.Corpus.dll --package $pkg --no-generator --no-analyzers --times $OUT/times-Asdk-$n.tsv > $OUT/corpus-Asdk-$n.txt 2>&1
  fi
done
B=$B OUT=$OUT bash bench/accuracy-scoring/measure-session.sh
QS=samples/Quickstart/bin/Release/net10.0/Quickstart.dll
# B's copies of the profiles when measure-session.sh made them (B_DROP, B_ZERO_THROUGHPUT, B_DROP_CLASSES).
PB=$OUT/tiered.pixhw.json; PB0=$OUT/tc0.pixhw.json
[ -f $OUT/before.pixhw.json ] && PB=$OUT/before.pixhw.json
[ -f $OUT/before-tc0.pixhw.json ] && PB0=$OUT/before-tc0.pixhw.json
step "validate B tiered"; (cd $B && dotnet src/Pix.Cli/bin/Release/net10.0/pix.dll validate $QS --project samples/Quickstart --profile $PB --warmup 0.5 --out $OUT/validate-b-tiered.md > $OUT/val-b-tiered.txt 2> $OUT/val-b-tiered.err)
step "validate B TC=0"; (cd $B && DOTNET_TieredCompilation=0 dotnet src/Pix.Cli/bin/Release/net10.0/pix.dll validate $QS --project samples/Quickstart --profile $PB0 --warmup 0.5 --out $OUT/validate-b-tc0.md > $OUT/val-b-tc0.txt 2> $OUT/val-b-tc0.err)
if [ -n "${EXTRA_RUNS:-}" ]; then
  NF=samples/NetworkFunctions/bin/Release/net10.0/NetworkFunctions.dll
  for run in 3 4; do
    step "nf A $run"; (cd $A && dotnet $NF measure all all --profile $OUT/tiered.pixhw.json > $OUT/nf-after-$run.txt 2>&1)
    step "nf B $run"; (cd $B && dotnet $NF measure all all --profile $PB > $OUT/nf-before-$run.txt 2>&1)
  done
  step "validate A tiered 2"; (cd $A && dotnet src/Pix.Cli/bin/Release/net10.0/pix.dll validate $QS --project samples/Quickstart --profile $OUT/tiered.pixhw.json --warmup 0.5 --out $OUT/validate-tiered-2.md > $OUT/val-tiered-2.txt 2> $OUT/val-tiered-2.err)
  step "validate B tiered 2"; (cd $B && dotnet src/Pix.Cli/bin/Release/net10.0/pix.dll validate $QS --project samples/Quickstart --profile $PB --warmup 0.5 --out $OUT/validate-b-tiered-2.md > $OUT/val-b-tiered-2.txt 2> $OUT/val-b-tiered-2.err)
fi
step "done"
# Scoring: python3 bench/accuracy-scoring/cross.py nf $OUT --per-workload; python3 bench/accuracy-scoring/cross.py qs $OUT
