#!/usr/bin/env bash
# Build overhead of Pix: generates a project of N annotated methods (realistic shapes: loops, nested
# dependent loops, branches on flags, calls) and times a full `dotnet build` of it with and without
# Pix's compiler components, alternating the two, REPS times each; prints the medians and the ratio.
#
#   bench/build-overhead.sh [methods=1000] [reps=5] [compiler=server|fresh]
#
# compiler=server (default) builds through the shared compiler server, as `dotnet build` does: Pix's
# extraction results survive from one build to the next there, so an unchanged method is not analysed
# again (ExtractionOptions.ReuseAcrossCompilations). compiler=fresh passes -p:UseSharedCompilation=false:
# every build starts a new compiler process, as a CI machine's first build does, so nothing is reused
# and Pix's assemblies are JIT-compiled every time.
#
# PIX_ANALYZERS_ALT=<folder> adds a third project, "with Pix (alt)", whose analyzers are that folder's Pix.Generator,
# Pix.Analyzers, Pix.Extractor and Pix.Runtime (e.g. ReadyToRun images of them, docs/robustness.md "the JIT a build
# pays"), alternated with the other two.
#
# "Without Pix" references Pix.Runtime only (the attributes compile, nothing is generated);
# "with Pix" adds Pix.Generator, Pix.Analyzers and their dependencies as analyzers, as the package does.
set -euo pipefail
METHODS=${1:-1000}
REPS=${2:-5}
COMPILER=${3:-server}
case "$COMPILER" in
  server) SHARED=true ;;
  fresh) SHARED=false ;;
  *) echo "compiler must be 'server' or 'fresh', not '$COMPILER'" >&2; exit 2 ;;
esac
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${PIX_BUILD_OVERHEAD_DIR:-$(mktemp -d /tmp/pix-build-overhead.XXXX)}

dotnet build -c Release "$REPO/src/Pix.Generator" -v q -nologo >/dev/null
dotnet build -c Release "$REPO/src/Pix.Analyzers" -v q -nologo >/dev/null
dotnet build -c Release "$REPO/src/Pix.Runtime" -v q -nologo >/dev/null
RUNTIME=$REPO/src/Pix.Runtime/bin/Release/net8.0/Pix.Runtime.dll
# One folder for the compiler-side assemblies, as the package's analyzers/dotnet/cs: the compiler loads
# the assemblies of one folder into one load context, so the generator and the analyzers share one
# Pix.Extractor (and its extraction cache). Separate bin folders would load it twice.
ANALYZERS=$WORK/analyzers
mkdir -p "$ANALYZERS"
cp "$REPO/src/Pix.Generator/bin/Release/netstandard2.0/Pix.Generator.dll" \
   "$REPO/src/Pix.Analyzers/bin/Release/netstandard2.0/Pix.Analyzers.dll" \
   "$REPO/src/Pix.Extractor/bin/Release/netstandard2.0/Pix.Extractor.dll" \
   "$REPO/src/Pix.Runtime/bin/Release/netstandard2.0/Pix.Runtime.dll" "$ANALYZERS/"

ALT=${PIX_ANALYZERS_ALT:-}
if [ -n "$ALT" ]; then
  mkdir -p "$WORK/analyzers-alt"
  for dll in Pix.Generator Pix.Analyzers Pix.Extractor Pix.Runtime; do cp "$ALT/$dll.dll" "$WORK/analyzers-alt/"; done
fi

make_project() { # $1 = directory, $2 = the analyzers folder ("" for none)
  mkdir -p "$1"
  local analyzers=""
  if [ -n "$2" ]; then
    analyzers="<Analyzer Include=\"$2/*.dll\" />"
  fi
  cat > "$1/Synthetic.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><NuGetAudit>false</NuGetAudit><EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles></PropertyGroup>
  <ItemGroup><Reference Include="$RUNTIME" />$analyzers</ItemGroup>
</Project>
XML
  local per_file=20 f k
  for ((f = 0; f < METHODS / per_file; f++)); do
    {
      echo "using System; using Pix;"
      echo "public static partial class Synthetic$f {"
      for ((k = 0; k < per_file; k++)); do
        case $((k % 4)) in
          0) echo "  [PerformanceInterface] public static long M$k(int[] data, int n) { long acc = 0; for (int i = 0; i < data.Length; i++) { acc += data[i] * 31; } for (int i = 0; i < n; i++) { acc += 7; } return acc; }" ;;
          1) echo "  [PerformanceInterface] public static long M$k(double[] xs, int n) { long acc = 0; for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) { acc += (long)(xs[(i + j) % xs.Length] * 2); } return acc; }" ;;
          2) echo "  [PerformanceInterface] public static long M$k(ReadOnlySpan<byte> data, bool strict) { if (data.Length == 0) return 0; long acc = 0; foreach (byte b in data) { acc = strict ? (acc ^ b) * 16777619 : acc + b; } return acc; }" ;;
          3) echo "  [PerformanceInterface] public static long M$k(int[] data, int n) => M$((k - 1))(new ReadOnlySpan<byte>(new byte[n]), n > 3) + data.Length;" ;;
        esac
      done
      echo "}"
    } > "$1/Synthetic$f.cs"
  done
  dotnet restore "$1" -v q -nologo >/dev/null
}

time_build() { # prints seconds of one full (non-incremental) build
  local start end
  start=$(date +%s.%N)
  dotnet build "$1" --no-restore --no-incremental -p:UseSharedCompilation=$SHARED -v q -nologo >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

make_project "$WORK/without" ""
make_project "$WORK/with" "$ANALYZERS"
[ -z "$ALT" ] || make_project "$WORK/with-alt" "$WORK/analyzers-alt"
time_build "$WORK/without" >/dev/null; time_build "$WORK/with" >/dev/null   # warm the build server and disk cache
[ -z "$ALT" ] || time_build "$WORK/with-alt" >/dev/null
generated=$(find "$WORK/with/obj" -name '*.Pix.g.cs' 2>/dev/null | wc -l)
: > "$WORK/without.txt"; : > "$WORK/with.txt"; : > "$WORK/with-alt.txt"
for ((r = 0; r < REPS; r++)); do
  time_build "$WORK/without" >> "$WORK/without.txt"
  time_build "$WORK/with" >> "$WORK/with.txt"
  [ -z "$ALT" ] || time_build "$WORK/with-alt" >> "$WORK/with-alt.txt"
done
without=$(median < "$WORK/without.txt"); with=$(median < "$WORK/with.txt")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "generated files in the with-Pix build: $generated"
echo "methods: $METHODS annotated, reps: $REPS (alternating), full builds (--no-incremental), compiler: $COMPILER"
echo "without Pix: $(tr '\n' ' ' < "$WORK/without.txt")s -> median ${without}s"
echo "with Pix:    $(tr '\n' ' ' < "$WORK/with.txt")s -> median ${with}s"
echo "overhead: $(echo "scale=3; ($with / $without - 1) * 100" | bc)%"
if [ -n "$ALT" ]; then
  alt=$(median < "$WORK/with-alt.txt")
  echo "with Pix from $ALT: $(tr '\n' ' ' < "$WORK/with-alt.txt")s -> median ${alt}s, overhead: $(echo "scale=3; ($alt / $without - 1) * 100" | bc)%"
fi
