using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using Pix.Locality;

// What a load that misses L1 costs when a loop streams through its data (docs/accuracy.md, "Memory, ninth
// session"). Two kernels: Geometry.Multiply's nest (b's n×n doubles are reloaded once per row of the product,
// so from n ≈ 78 they no longer fit the 48 KiB L1 between two uses) and a sweep that reads every `stride`-th
// long of an array of a given size, again and again. Each kernel is timed PASSES times, the kernels
// alternating, after a 1.5 s warm-up (tiered compilation reaches Tier-1); it prints the fastest pass per unit.
//
// --only TEXT keeps the kernels whose name contains TEXT (to count one kernel's events with `perf stat`).
//
//   dotnet run -c Release --project bench/Pix.Locality -- [--passes 15] [--only "Multiply n= 90"]
int passes = 15;
string only = string.Empty;
for (int arg = 0; arg < args.Length; arg += 2)
{
    if (arg + 1 < args.Length && args[arg] == "--passes" && int.TryParse(args[arg + 1], out int requested) && requested > 0)
    {
        passes = requested;
    }
    else if (arg + 1 < args.Length && args[arg] == "--only")
    {
        only = args[arg + 1];
    }
    else
    {
        Console.Error.WriteLine("Unknown or incomplete options; use --passes N (N > 0) and --only TEXT.");
        return 2;
    }
}

var random = new Random(20261130);
var kernels = new List<(string Name, Func<double> Run, double Units, string Unit)>();
foreach (int n in new[] { 32, 45, 56, 64, 72, 78, 84, 90, 100, 112, 128, 180 })
{
    double[] a = Enumerable.Range(0, n * n).Select(_ => random.NextDouble()).ToArray();
    double[] b = Enumerable.Range(0, n * n).Select(_ => random.NextDouble()).ToArray();
    double[] product = new double[n * n];
    int calls = Math.Max(1, 2_000_000 / (n * n * n));
    kernels.Add(($"Multiply n={n,3} (b {n * n * 8 / 1024.0,6:F1} KiB)", () => Multiply(a, b, product, n, calls), (double)calls * n * n * n, "inner iteration"));
    kernels.Add(($"Multiply allocating, n={n,3}", () => MultiplyAllocating(a, b, n, calls), (double)calls * n * n * n, "inner iteration"));
}

// The same nest with the product's rows placed `offset` bytes further from b's: if the time changes with the
// offset alone, what varies from size to size is where the arrays lie (a load of b whose address matches a
// pending store to the product in its low 12 bits waits for it: 4K aliasing), not whether b fits L1.
foreach (int n in new[] { 64, 90, 128 })
{
    double[] a = Enumerable.Range(0, n * n).Select(_ => random.NextDouble()).ToArray();
    double[] b = Enumerable.Range(0, n * n).Select(_ => random.NextDouble()).ToArray();
    double[] padded = new double[n * n + 512];
    int calls = Math.Max(1, 2_000_000 / (n * n * n));
    foreach (int offset in new[] { 0, 64, 128, 256, 512, 1024, 2048, 3072 })
    {
        kernels.Add(($"Multiply n={n,3}, product +{offset,4} B", () => MultiplyAt(a, b, padded, offset / sizeof(double), n, calls), (double)calls * n * n * n, "inner iteration"));
    }
}

// Rectangular products (ni×nk times nk×nj), ni = 64: the inner trip count nj and the size of b (nk·nj doubles,
// reloaded once per row of the product) varied apart, to tell a cost of the trip count from one of b's size.
foreach ((int nk, int nj) in new[] { (64, 64), (180, 64), (360, 64), (64, 90), (45, 90), (128, 90), (64, 45), (64, 128), (32, 128) })
{
    const int Ni = 64;
    double[] a = Enumerable.Range(0, Ni * nk).Select(_ => random.NextDouble()).ToArray();
    double[] b = Enumerable.Range(0, nk * nj).Select(_ => random.NextDouble()).ToArray();
    double[] product = new double[Ni * nj];
    int calls = Math.Max(1, 2_000_000 / (Ni * nk * nj));
    kernels.Add(($"Rect nk={nk,3} nj={nj,3} (b {nk * nj * 8 / 1024.0,6:F1} KiB)", () => MultiplyRect(a, b, product, Ni, nk, nj, calls), (double)calls * Ni * nk * nj, "inner iteration"));
}

// The inner trip count alone, b kept within 24 KiB (in L1): (time − the fastest) × nj is what each run of
// the inner loop costs beyond its iterations; a mispredicted exit would show as one BranchMiss a run.
foreach (int nj in new[] { 24, 32, 40, 48, 56, 60, 64, 68, 72, 80, 90, 100, 128, 180, 256 })
{
    const int Ni = 64;
    int nk = Math.Max(1, 24 * 1024 / sizeof(double) / nj);
    double[] a = Enumerable.Range(0, Ni * nk).Select(_ => random.NextDouble()).ToArray();
    double[] b = Enumerable.Range(0, nk * nj).Select(_ => random.NextDouble()).ToArray();
    double[] product = new double[Ni * nj];
    int calls = Math.Max(1, 2_000_000 / (Ni * nk * nj));
    kernels.Add(($"Trip nj={nj,3} nk={nk,3}", () => MultiplyRect(a, b, product, Ni, nk, nj, calls), (double)calls * Ni * nk * nj, "inner iteration"));
}

const long AccessesPerPass = 4_000_000;
foreach (int stride in new[] { 1, 8, 64 })
{
    foreach (int kib in new[] { 16, 32, 40, 48, 56, 64, 96, 128, 256, 512, 1024, 2048 })
    {
        long[] data = Enumerable.Range(0, kib * 1024 / sizeof(long)).Select(i => (long)i).ToArray();
        int perSweep = data.Length / stride;
        int sweeps = (int)Math.Max(1, AccessesPerPass / perSweep);
        kernels.Add(($"sweep stride {stride * sizeof(long),2} B over {kib,5} KiB", () => Sweep(data, stride, sweeps), (double)sweeps * perSweep, "access"));
    }
}

// Random stores and random independent loads into a table of a given size (the NAT's expiry storm unlinks
// entries of a 1.75 MiB table at random): what a store that misses costs next to a load that misses.
foreach (int kib in new[] { 16, 32, 256, 1024, 1792, 4096 })
{
    long[] table = new long[kib * 1024 / sizeof(long)];
    int[] slots = Enumerable.Range(0, 1 << 16).Select(_ => random.Next(table.Length)).ToArray();
    kernels.Add(($"random stores in {kib,5} KiB", () => RandomStores(table, slots), slots.Length, "store"));
    kernels.Add(($"random loads in {kib,5} KiB", () => RandomLoads(table, slots), slots.Length, "load"));
}

// The load balancer's colliding workload's probe window, with its running minimum a branch and without.
var scan = new VictimScan(40_000, 64, random);
kernels.Add(("probe window, branch on the minimum", scan.RunBranchy, scan.Packets, "packet"));
kernels.Add(("probe window, conditional moves", scan.RunBranchless, scan.Packets, "packet"));
var inTurn = new VictimScan(40_000, 64, random: null);
kernels.Add(("probe window, 64 flows in turn, branch", inTurn.RunBranchy, inTurn.Packets, "packet"));

kernels.RemoveAll(k => !k.Name.Contains(only, StringComparison.Ordinal));
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

Console.WriteLine($"fastest of {passes} passes");
for (int i = 0; i < kernels.Count; i++)
{
    Console.WriteLine($"{kernels[i].Name,-40} {best[i],8:F4} ns per {kernels[i].Unit}");
}

Console.WriteLine($"(checksum {sink})");
return 0;

// Geometry.Multiply's loop nest without the allocation of the product (Quickstart/Geometry.cs).
[MethodImpl(MethodImplOptions.NoInlining)]
static double Multiply(double[] a, double[] b, double[] product, int n, int calls)
{
    for (int call = 0; call < calls; call++)
    {
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                double aik = a[i * n + k];
                for (int j = 0; j < n; j++)
                {
                    product[i * n + j] += aik * b[k * n + j];
                }
            }
        }
    }

    return product[0];
}

// Multiply into padded[offset..], the product's rows shifted by offset elements.
[MethodImpl(MethodImplOptions.NoInlining)]
static double MultiplyAt(double[] a, double[] b, double[] padded, int offset, int n, int calls)
{
    for (int call = 0; call < calls; call++)
    {
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                double aik = a[i * n + k];
                for (int j = 0; j < n; j++)
                {
                    padded[offset + i * n + j] += aik * b[k * n + j];
                }
            }
        }
    }

    return padded[offset];
}

// The nest of Multiply over rectangular matrices.
[MethodImpl(MethodImplOptions.NoInlining)]
static double MultiplyRect(double[] a, double[] b, double[] product, int ni, int nk, int nj, int calls)
{
    for (int call = 0; call < calls; call++)
    {
        for (int i = 0; i < ni; i++)
        {
            for (int k = 0; k < nk; k++)
            {
                double aik = a[i * nk + k];
                for (int j = 0; j < nj; j++)
                {
                    product[i * nj + j] += aik * b[k * nj + j];
                }
            }
        }
    }

    return product[0];
}

// One store a slot, the slots precomputed: no store waits for a load.
[MethodImpl(MethodImplOptions.NoInlining)]
static double RandomStores(long[] table, int[] slots)
{
    for (int i = 0; i < slots.Length; i++)
    {
        table[slots[i]] = i;
    }

    return table[0];
}

// One independent load a slot (their addresses do not depend on each other: misses overlap).
[MethodImpl(MethodImplOptions.NoInlining)]
static double RandomLoads(long[] table, int[] slots)
{
    long sum = 0;
    for (int i = 0; i < slots.Length; i++)
    {
        sum += table[slots[i]];
    }

    return sum;
}

// Geometry.Multiply itself: a new product per call, as `pix validate` times it.
[MethodImpl(MethodImplOptions.NoInlining)]
static double MultiplyAllocating(double[] a, double[] b, int n, int calls)
{
    double sum = 0;
    for (int call = 0; call < calls; call++)
    {
        var product = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                double aik = a[i * n + k];
                for (int j = 0; j < n; j++)
                {
                    product[i * n + j] += aik * b[k * n + j];
                }
            }
        }

        sum += product[0];
    }

    return sum;
}

// Reads every stride-th element; the sum's chain is one add a load, so the loop runs at the loads' pace.
[MethodImpl(MethodImplOptions.NoInlining)]
static double Sweep(long[] data, int stride, int sweeps)
{
    long sum = 0;
    for (int sweep = 0; sweep < sweeps; sweep++)
    {
        for (int i = 0; i < data.Length; i += stride)
        {
            sum += data[i];
        }
    }

    return sum;
}
