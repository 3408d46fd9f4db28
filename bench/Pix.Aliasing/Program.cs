using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix;
using Pix.Aliasing;
using Pix.Bench;
using Quickstart;

// Is Geometry.Multiply's time bimodal by where its arrays sit (4 KiB aliasing), by something fixed for
// a whole process, or by the moment? Three experiments (docs/accuracy.md, "Sixteenth session: bimodal kernels"):
//
//   dotnet bench/Pix.Aliasing/bin/Release/net10.0/Pix.Aliasing.dll offsets [--n 16] [--step 64] [--passes 21] [--calls 300]
//     the same loop nest on matrices in one pinned buffer, the product at every STEP bytes mod 4096
//     against b, the placements alternated pass by pass (bench/Shared/AlternatingVariants); prints the
//     fastest and the median pass per placement, ns per call.
//   dotnet bench/Pix.Aliasing/bin/Release/net10.0/Pix.Aliasing.dll series [--passes 400] [--calls 100]
//     Multiply (placed and allocating), IndexOf and two reference loops (Kernels: a dependency chain,
//     independent additions, and eight of those in a row) alternated pass by pass, the harness's
//     issue-rate probe read after each pass; one line per pass, then, over the passes where
//     Multiply took over 1.5x its fastest, how much slower each of the others was than its own fastest:
//     which kind of slow-down the slow passes share.
//   dotnet bench/Pix.Aliasing/bin/Release/net10.0/Pix.Aliasing.dll process [--repeats 4]
//     the Quickstart's own Geometry.Multiply (n = 16) and Search.IndexOf (4,096 items, match at the end)
//     timed by Pix's harness as `pix validate` times them (0.5 s warm-up), on the inputs' first
//     placement and on copies made elsewhere, alternated; one line per measurement with the arrays'
//     addresses mod 4096. Run it in several processes: a mode that follows the process, not the
//     placement, shows as lines that agree within a process and differ between processes.
if (args.Length == 0)
{
    Console.Error.WriteLine("Usage: Pix.Aliasing offsets [--n 16] [--step 64] [--passes 21] [--calls 300] | series [--passes 400] [--calls 100] | process [--repeats 4]");
    return 2;
}

Dictionary<string, int>? options = ReadOptions(args.Skip(1).ToArray());
if (options is null)
{
    return 2;
}

int Option(string name, int fallback) => options.TryGetValue(name, out int value) ? value : fallback;
return args[0] switch
{
    "offsets" => Offsets(Option("n", 16), Option("step", 64), Option("passes", 21), Option("calls", 300)),
    "series" => Series(Option("passes", 400), Option("calls", 100)),
    "process" => PerProcess(Option("repeats", 4)),
    _ => Unknown(args[0]),
};

static int Unknown(string mode)
{
    Console.Error.WriteLine($"Unknown mode '{mode}': offsets, series or process.");
    return 2;
}

static Dictionary<string, int>? ReadOptions(string[] args)
{
    var read = new Dictionary<string, int>();
    for (int i = 0; i < args.Length; i += 2)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length || !int.TryParse(args[i + 1], out int value) || value <= 0)
        {
            Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}': --name N, N > 0.");
            return null;
        }

        read[args[i][2..]] = value;
    }

    return read;
}

static int Offsets(int n, int step, int passes, int calls)
{
    var names = new List<string>();
    var variants = new List<Func<int, int>>();
    for (int offset = 0; offset < 4096; offset += step)
    {
        var placed = new PlacedMatrices(n, offset, seed: n);
        names.Add($"product - b = {placed.ProductMinusB,4} mod 4096");
        variants.Add(_ => placed.Multiply());
    }

    // The sample's own method on the factory's arrays: its product is a fresh array every call.
    double[] a = Placement.RandomDoubles(n * n, seed: n), b = Placement.RandomDoubles(n * n, seed: n + 1);
    names.Add("Geometry.Multiply (allocating its product)");
    variants.Add(_ => Geometry.Multiply(a, b, n).Length);

    Console.WriteLine($"n = {n}, {passes} passes of {calls} calls, {DateTime.UtcNow:HH:mm:ss} UTC");
    (List<double>[] times, long sink) = AlternatingVariants.Time(variants, variants.Select(_ => 1.0).ToArray(), passes, calls);
    AlternatingVariants.Print(names, times, "0.0");
    Console.WriteLine($"(checksum {sink})");
    return 0;
}

static int Series(int passes, int calls)
{
    const int N = 16, Items = 4096;
    var placed = new PlacedMatrices(N, 2048, seed: N);
    double[] a = Placement.RandomDoubles(N * N, seed: N), b = Placement.RandomDoubles(N * N, seed: N + 1);
    int[] items = Enumerable.Range(0, Items).ToArray();
    string[] names = { "Multiply placed", "Multiply allocating", "IndexOf 4096", "chain", "independent", "independent x8" };
    var variants = new Func<int, int>[]
    {
        _ => placed.Multiply(),
        _ => Geometry.Multiply(a, b, N).Length,
        _ => Search.IndexOf(items, Items - 1),
        Kernels.Chain,
        Kernels.Independent,
        seed => Enumerable.Range(seed, 8).Sum(Kernels.Independent),   // 8 in a row: about 5 µs between fences, as NeighbourCheck's reference
    };

    // Each pass times every variant once (calls calls, a load fence after each), then reads the harness's
    // issue-rate probe (Measurement.CoreIssueRate): does the probe see what slows the variants?
    Console.WriteLine($"{passes} passes of {calls} calls, {DateTime.UtcNow:HH:mm:ss} UTC; ns per call, then the probe's issue rate");
    (List<double>[] times, long sink) = AlternatingVariants.Time(variants, variants.Select(_ => 1.0).ToArray(), 1, calls);
    var rates = new List<double>();
    for (int pass = 1; pass < passes; pass++)
    {
        (List<double>[] one, long more) = AlternatingVariants.Time(variants, variants.Select(_ => 1.0).ToArray(), 1, calls, warmup: false);
        for (int v = 0; v < variants.Length; v++)
        {
            times[v].Add(one[v][0]);
        }

        sink += more;
        rates.Add(Measurement.CoreIssueRate());
    }

    times[0].RemoveAt(0);
    for (int v = 1; v < variants.Length; v++)
    {
        times[v].RemoveAt(0);
    }

    passes--;
    Console.WriteLine("pass " + string.Join(" ", names.Select(n => $"{n,20}")) + "  rate");
    for (int pass = 0; pass < passes; pass++)
    {
        Console.WriteLine($"{pass,4} " + string.Join(" ", times.Select(t => t[pass].ToString("0.0", CultureInfo.InvariantCulture).PadLeft(20))) + $"  {rates[pass]:0.00}");
    }

    double[] fastest = times.Select(t => t.Min()).ToArray();
    int[] slow = Enumerable.Range(0, passes).Where(p => times[0][p] > 1.5 * fastest[0]).ToArray();
    int[] fast = Enumerable.Range(0, passes).Where(p => times[0][p] <= 1.2 * fastest[0]).ToArray();
    string RatioOver(int[] picked, int v) => picked.Length == 0 ? "-" :
        (picked.Select(p => times[v][p] / fastest[v]).OrderBy(r => r).ElementAt(picked.Length / 2)).ToString("0.00", CultureInfo.InvariantCulture);
    Console.WriteLine($"fastest: " + string.Join(", ", names.Select((n, v) => $"{n} {fastest[v]:0.0}")));
    Console.WriteLine($"median of time / fastest over the {slow.Length} passes where Multiply placed > 1.5x its fastest: "
        + string.Join(", ", names.Select((n, v) => $"{n} {RatioOver(slow, v)}")));
    string RateOver(int[] picked) => picked.Length == 0 ? "-" : picked.Select(p => rates[p]).OrderBy(r => r).ElementAt(picked.Length / 2).ToString("0.00", CultureInfo.InvariantCulture);
    Console.WriteLine($"probe's issue rate (median): {RateOver(slow)} after the slow passes, {RateOver(fast)} after the fast; highest {rates.Max():0.00}");
    Console.WriteLine($"... and over the {fast.Length} passes where it was within 1.2x: "
        + string.Join(", ", names.Select((n, v) => $"{n} {RatioOver(fast, v)}")));
    Console.WriteLine($"(checksum {sink})");
    return 0;
}

static int PerProcess(int repeats)
{
    var measurement = MeasurementOptions.Default with { WarmupTime = TimeSpan.FromSeconds(0.5) };
    const int N = 16, Items = 4096;
    double[] a = Placement.RandomDoubles(N * N, seed: N), b = Placement.RandomDoubles(N * N, seed: N + 1);
    int[] items = Enumerable.Range(0, Items).ToArray();
    var placements = new (string Name, double[] A, double[] B, int[] Items)[]
    {
        ("first", a, b, items),
        ("copies", Placement.CopyElsewhere(a, 1_000), Placement.CopyElsewhere(b, 3_000), Placement.CopyElsewhere(items, 2_000)),
    };

    Console.WriteLine($"pid {Environment.ProcessId}, {DateTime.UtcNow:HH:mm:ss} UTC");
    for (int r = 0; r < repeats; r++)
    {
        foreach (var (name, pa, pb, pitems) in placements)
        {
            MeasurementResult multiply = Measurement.Measure(() => Geometry.Multiply(pa, pb, N), measurement);
            MeasurementResult indexOf = Measurement.Measure(() => Search.IndexOf(pitems, Items - 1), measurement);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-6} Multiply n=16 {multiply.Median.Nanoseconds,8:0.0} ns ±{multiply.CoefficientOfVariation * 100,5:0.0}% rate {multiply.IssueRate:0.00}{(multiply.CoreShared ? " (core shared)" : "")}"
                + $" | a {Placement.Mod4096(pa)} b {Placement.Mod4096(pb)} products {Placement.ProductOffsets(pa, pb, N)}"
                + $" | IndexOf 4096 {indexOf.Median.Nanoseconds,8:0.0} ns ±{indexOf.CoefficientOfVariation * 100,5:0.0}%{(indexOf.CoreShared ? " (core shared)" : "")} items {Placement.Mod4096(pitems)}"));
        }
    }

    return 0;
}
