#!/usr/bin/env bash
# Where the compile time of Pix's generated code goes: compiles the *.Pix.g.cs files that
# bench/build-overhead.sh's with-Pix build generated as ordinary sources of a project WITHOUT Pix's
# compiler components, in variants, alternating them, REPS times each, and prints the medians:
#   source      the synthetic sources alone (no generated code)
#   generated   + the generated files as they are
#   no-docs     + the generated files with every whole-line comment (`//`, `///`) removed
#   other       + the *.Pix.g.cs files of OTHER_DIR instead (e.g. a copy kept from another generator version)
#
#   PIX_BUILD_OVERHEAD_DIR=/tmp/bo bench/build-overhead.sh 1000 1 server   # leaves /tmp/bo/with/obj/...
#   bench/generated-code-cost.sh /tmp/bo [reps=3] [OTHER_DIR]
set -euo pipefail
WORK=${1:?"usage: $0 <build-overhead work dir> [reps] [other generated dir]"}
REPS=${2:-3}
OTHER=${3:-}
GENERATED=$(find "$WORK/with/obj" -name '*.Pix.g.cs' -path '*Pix.Generator*')
[ -n "$GENERATED" ] || { echo "no generated files under $WORK/with/obj: run bench/build-overhead.sh with PIX_BUILD_OVERHEAD_DIR=$WORK first" >&2; exit 2; }
VARIANTS="source generated no-docs"
[ -z "$OTHER" ] || VARIANTS="$VARIANTS other"
OUT=$WORK/variants
rm -rf "$OUT"
for variant in $VARIANTS; do
  mkdir -p "$OUT/$variant"
  cp "$WORK/without/"*.cs "$WORK/without/Synthetic.csproj" "$OUT/$variant/"
done
for file in $GENERATED; do
  cp "$file" "$OUT/generated/$(basename "$file")"
  # Whole-line comments only: a `//` inside a line is code's (string literals) or a trailing note.
  grep -v '^[[:space:]]*//' "$file" > "$OUT/no-docs/$(basename "$file")" || true
done
[ -z "$OTHER" ] || cp "$OTHER"/*.Pix.g.cs "$OUT/other/"
for variant in $VARIANTS; do
  dotnet restore "$OUT/$variant" -v q -nologo >/dev/null
  dotnet build "$OUT/$variant" --no-restore -v q -nologo >/dev/null   # warm the server, check it compiles
  : > "$OUT/$variant.txt"
done
for ((r = 0; r < REPS; r++)); do
  for variant in $VARIANTS; do
    start=$(date +%s.%N)
    dotnet build "$OUT/$variant" --no-restore --no-incremental -v q -nologo >/dev/null
    end=$(date +%s.%N)
    echo "$end - $start" | bc >> "$OUT/$variant.txt"
  done
done
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
echo "load $(cut -d' ' -f1-3 /proc/loadavg); reps: $REPS (alternating), full builds through the compiler server"
for variant in $VARIANTS; do
  bytes=$(find "$OUT/$variant" -name '*.Pix.g.cs' -exec cat {} + | wc -c)
  echo "$variant: generated ${bytes} bytes; $(tr '\n' ' ' < "$OUT/$variant.txt")s -> median $(median < "$OUT/$variant.txt")s"
done
