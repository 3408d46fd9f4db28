#!/bin/bash
# Quickstart's Geometry.Multiply in N fresh processes: its measured time at n=45 and n=90 beside where its Tier-1 code
# starts modulo 64, from the runtime's perf map (docs/accuracy.md, "issue25").
# Usage: bench/issue-slot/multiply-placement.sh N PIX_DLL QUICKSTART_DLL PROFILE
set -u
n=$1; pix=$2; dll=$3; profile=$4
for i in $(seq "$n"); do
  out=$(mktemp)
  DOTNET_PerfMapEnabled=1 dotnet "$pix" validate "$dll" --profile "$profile" --method Multiply --sizes 45,90 --passes 1 --warmup 0.5 > "$out" 2>&1 &
  pid=$!; wait $pid
  map=/tmp/perf-$pid.map
  a=$(grep "Quickstart.Geometry::Multiply(.*\[OptimizedTier1\]" "$map" | awk '{print $1}' | tail -1)
  rm -f "$map" "/tmp/perfinfo-$pid.map"
  echo "run $i $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg) tier1 $a mod64 $(( a % 64 )) | $(grep -E '^ +(45|90) ' "$out" | awk '{printf "n=%s %s %s; ", $1, $4, $5}')"
  rm -f "$out"
done
