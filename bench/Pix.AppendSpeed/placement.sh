#!/bin/bash
# Runs Pix.AppendSpeed in N fresh processes with the runtime's perf map on, and prints, for each process, each loop's
# quietest batch beside where its Tier-1 code starts modulo 64 (and SpanHelpers.Memmove's, which the append loop calls),
# then the append loop's speeds grouped by (its start mod 64, Memmove's start mod 64).
# Usage: bench/Pix.AppendSpeed/placement.sh [N=24] [seconds=1.5]   (build it first: dotnet build bench/Pix.AppendSpeed -c Release)
set -euo pipefail
n=${1:-24}
seconds=${2:-1.5}
dll="$(dirname "$0")/bin/Release/net10.0/Pix.AppendSpeed.dll"
mod64() { # the Tier-1 start of the method matching $2 in perf map $1, modulo 64
  local a
  a=$(grep "$2.*\[OptimizedTier1\]" "$1" | awk '{print $1}' | tail -1)
  echo $(( a % 64 ))
}
rows=$(for i in $(seq "$n"); do
  line=$(DOTNET_PerfMapEnabled=1 dotnet "$dll" 256 "$seconds")
  read -r _ pid _ append _ control _ span _ inline _ <<<"$line"
  map=/tmp/perf-$pid.map
  echo "append $append run%64 $(mod64 "$map" 'AppendLoop::Run(') memmove%64 $(mod64 "$map" 'SpanHelpers::Memmove(') inline $inline inline%64 $(mod64 "$map" 'CopyLoops::InlineCopy(') span $span control $control"
  rm -f "$map" "/tmp/perfinfo-$pid.map"
done)
echo "$rows"
echo "append loop by (run%64, memmove%64):"
echo "$rows" | awk '{k="run%64=" $4 " memmove%64=" $6; a[k]=a[k] " " $2} END {for (k in a) print "  " k ":" a[k]}' | sort
echo "inline copy by inline%64:"
echo "$rows" | awk '{k="inline%64=" $10; a[k]=a[k] " " $8} END {for (k in a) print "  " k ":" a[k]}' | sort
