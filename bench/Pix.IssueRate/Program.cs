using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using Pix.IssueRate;
using Pix.SearchLoops;

// How many issue slots per cycle this core sustains, and on which loops (docs/accuracy.md, "Issue rate,
// eighth session"). Each kernel is timed PASSES times, the kernels alternating, after a 1.5 s warm-up
// (tiered compilation reaches Tier-1); it prints the fastest pass per unit, in ns and in cycles, where one
// cycle is half an iteration of a chain of two dependent one-cycle operations.
//
//   dotnet run -c Release --project bench/Pix.IssueRate -- [--passes 31]
int passes = 31;
if (args.Length == 2 && args[0] == "--passes" && int.TryParse(args[1], out int requested) && requested > 0)
{
    passes = requested;
}
else if (args.Length != 0)
{
    Console.Error.WriteLine("Unknown or incomplete options; use --passes N (N > 0).");
    return 2;
}

var mixes = new Mixes();
var forms = new Forms();
var straight = new StraightLine();
var random = new Random(20261130);
const int N = 64;
double[] a = Enumerable.Range(0, N * N).Select(_ => random.NextDouble()).ToArray();
double[] b = Enumerable.Range(0, N * N).Select(_ => random.NextDouble()).ToArray();
double[] product = new double[N * N];
long[] ai = a.Select(x => (long)(x * 1000)).ToArray();
long[] bi = b.Select(x => (long)(x * 1000)).ToArray();
long[] producti = new long[N * N];
double[] xs = Enumerable.Range(0, 256).Select(_ => random.NextDouble()).ToArray();
double[] ys = Enumerable.Range(0, 256).Select(_ => random.NextDouble()).ToArray();
var scan = new RuleScan(RuleScan.FailingAt(1, 100, random));
Packet packet = RuleScan.RandomPacket(random);
var empty = new RuleScan(Array.Empty<Rule>());

const int Iterations = 20_000;
var kernels = new List<(string Name, Func<double> Run, double Units, double Slots)>
{
    ("chain: add, xor dependent (2 cycles)", () => Chain(Iterations), Iterations, 0),
    ("mix A x4: add xor add[m] store cmp/jcc", () => mixes.A4(Iterations), Iterations, 22),
    ("mix A x8", () => mixes.A8(Iterations), Iterations, 42),
    ("mix B x4: add add[m] load+store cmp/jcc", () => mixes.B4(Iterations), Iterations, 22),
    ("mix B x8", () => mixes.B8(Iterations), Iterations, 42),
    ("mix D x4: 5 ALU", () => mixes.D4(Iterations), Iterations, 22),
    ("mix D x8", () => mixes.D8(Iterations), Iterations, 42),
    ("mix E x4: add add[m] store cmp/jcc", () => mixes.E4(Iterations), Iterations, 18),
    ("mix E x8", () => mixes.E8(Iterations), Iterations, 34),
    ("FP: 12 streams of subtract, multiply (24 FP ops)", () => Loops.FloatMix(1e-9, 0.999999, Iterations), Iterations, 0),
    ("FP: 12 streams of subtract, subtract (24 FP ops)", () => Loops.FloatAdds(1e-9, Iterations), Iterations, 0),
    ("Multiply 64x64, per inner iteration", () => Loops.Multiply(a, b, product, N), N * N * N, 0),
    ("Multiply storing, not adding, per inner iteration", () => Loops.MultiplyStoreOnly(a, b, product, N), N * N * N, 0),
    ("Multiply over spans, per inner iteration", () => Loops.MultiplySpans(a, b, product, N), N * N * N, 0),
    ("Multiply, b's row a span, per inner iteration", () => Loops.MultiplySpanB(a, b, product, N), N * N * N, 0),
    ("Multiply, product's row a span, per inner iteration", () => Loops.MultiplySpanProduct(a, b, product, N), N * N * N, 0),
    ("Multiply over long, per inner iteration", () => Loops.MultiplyIntegers(ai, bi, producti, N), N * N * N, 0),
    ("ClosestPair 256, per pair", () => Loops.ClosestPair(xs, ys), 256 * 255 / 2, 0),
    ("rule scan, 100 rules failing at the source, per call", () => Scan(scan, packet, 200), 200, 0),
    ("rule scan, 0 rules, per call", () => Scan(empty, packet, 200), 200, 0),
    ("forms: FP add of an indexed element, 6 groups", () => forms.FoldIndexed(30), 30 * Forms.Inner, 0),
    ("forms: FP add of a base+disp element, 6 groups", () => forms.FoldBase(30), 30 * Forms.Inner, 0),
    ("loads: 12 adds from memory (12 loads)", () => forms.Loads12(Iterations), Iterations, 0),
};
foreach ((Func<long, long> withGroups, Func<long, long> chainAlone) in straight.Blocks())
{
    kernels.Add(($"straight line, fenced: {withGroups.Method.Name}", () => StraightLine.Fenced(withGroups, 2_000), 2_000, 0));
    kernels.Add(($"straight line, fenced: {chainAlone.Method.Name}", () => StraightLine.Fenced(chainAlone, 2_000), 2_000, 0));
}

foreach (Func<long, long> groupsAlone in straight.GroupsAlone())
{
    kernels.Add(($"straight line, fenced: {groupsAlone.Method.Name}", () => StraightLine.Fenced(groupsAlone, 2_000), 2_000, 0));
}

double sink = 0;
var stopwatch = Stopwatch.StartNew();
while (stopwatch.ElapsedMilliseconds < 1_500)
{
    foreach (var k in kernels)
    {
        sink += k.Run();
    }
}

var best = kernels.Select(_ => double.MaxValue).ToArray();
for (int pass = 0; pass < passes; pass++)
{
    for (int i = 0; i < kernels.Count; i++)
    {
        long start = Stopwatch.GetTimestamp();
        sink += kernels[i].Run();
        double ns = (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency / kernels[i].Units;
        best[i] = Math.Min(best[i], ns);
    }
}

double cycle = best[0] / 2;
Console.WriteLine($"one cycle: {cycle:F4} ns ({1 / cycle:F2} GHz); fastest of {passes} passes");
for (int i = 1; i < kernels.Count; i++)
{
    string rate = kernels[i].Slots > 0 ? $"  {kernels[i].Slots * cycle / best[i],5:F2} slots/cycle" : string.Empty;
    Console.WriteLine($"{kernels[i].Name,-55} {best[i],8:F3} ns  {best[i] / cycle,6:F2} cycles{rate}");
}

Console.WriteLine($"(checksum {sink})");
return 0;

[MethodImpl(MethodImplOptions.NoInlining)]
static double Chain(int iterations)
{
    long x = iterations, y = 0x5DEECE66DL, z = 0x2545F4914F6CDD1DL;
    for (int i = 0; i < iterations; i++)
    {
        x += y;
        x ^= z;
    }

    return x;
}

static double Scan(RuleScan scan, Packet packet, int calls)
{
    int total = 0;
    for (int i = 0; i < calls; i++)
    {
        scan.FirstMatchAllows(in packet, out int scanned);
        total += scanned;
    }

    return total;
}
