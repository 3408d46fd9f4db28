#!/bin/bash
# Alternated calibrations by two builds of pix (before, after), N rounds: per run the issue slot, the width, the issue
# kernels' figures, the passes and the core probe's rates around them (docs/accuracy.md, "issue25").
# Usage: BEFORE=path/pix.dll AFTER=path/pix.dll bench/issue-slot/calibrations-ab.sh N OUTDIR   (START=k to begin at round k)
set -u
n=$1; out=$2; mkdir -p "$out"
for i in $(seq "${START:-1}" "$n"); do
  for v in B A; do
    pix=$BEFORE; [ $v = A ] && pix=$AFTER
    dotnet "$pix" calibrate -o "$out/$v$i.pixhw.json" > "$out/$v$i.txt" 2>&1
    f="$out/$v$i.txt"
    echo "$v$i $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg) | $(grep -o 'Issue width: [0-9.]*' "$f") slot $(grep -o 'one issue slot [0-9.]*' "$f" | awk '{print $4}') | $(grep 'issue mix' "$f" | awk '{printf "%s ", $5}') | $(grep -o 'Saved.*' "$f" | grep -o '([^)]*)') | $(grep 'Core issue rate' "$f" | cut -d: -f2)"
  done
done
