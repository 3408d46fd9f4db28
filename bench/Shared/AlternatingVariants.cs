using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.Intrinsics.X86;

namespace Pix.Bench;

/// <summary>
/// The timing loop of the measurement programs that compare small code variants (bench/Pix.SearchLoops,
/// bench/Pix.ChainWalks): one call at a time with a load fence after each, as the network functions'
/// driver times a packet, so nothing of one call overlaps the next; variants alternate pass by pass, so a
/// burst of load on the machine hits all of them alike; the fastest and the median pass are reported.
/// Linked into each program as source (they have no other dependency).
/// </summary>
internal static class AlternatingVariants
{
    /// <summary>Reads <c>--passes N</c> and <c>--calls N</c> (N &gt; 0); false, with a message on stderr, for anything else.</summary>
    public static bool TryReadOptions(string[] args, ref int passes, ref int calls)
    {
        for (int i = 0; i < args.Length; i += 2)
        {
            int? value = i + 1 < args.Length && int.TryParse(args[i + 1], out int parsed) && parsed > 0 ? parsed : null;
            switch (args[i])
            {
                case "--passes" when value is { } p:
                    passes = p;
                    break;
                case "--calls" when value is { } c:
                    calls = c;
                    break;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'; use --passes N and --calls N (N > 0).");
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Warms every variant up for 1.5 s (tiered compilation reaches Tier-1), then times <paramref name="passes"/>
    /// passes of <paramref name="calls"/> calls of each, <c>call(i)</c> for i in [0, calls). Each pass's time is
    /// per call, divided by the variant's <paramref name="unitsPerCall"/> (1 for ns per call). Returns the
    /// per-pass figures of each variant and the sum of the calls' results (print it: the JIT cannot drop the calls).
    /// <paramref name="warmup"/> false skips the warm-up (a caller timing one pass at a time, already warm).
    /// </summary>
    public static (List<double>[] Times, long Checksum) Time(IReadOnlyList<Func<int, int>> variants, IReadOnlyList<double> unitsPerCall, int passes, int calls, bool warmup = true)
    {
        var times = variants.Select(_ => new List<double>()).ToArray();
        long sink = 0;
        Stopwatch warm = Stopwatch.StartNew();
        while (warmup && warm.ElapsedMilliseconds < 1_500)
        {
            foreach (Func<int, int> call in variants)
            {
                for (int i = 0; i < calls; i++)
                {
                    sink += call(i);
                }
            }
        }

        for (int pass = 0; pass < passes; pass++)
        {
            for (int v = 0; v < variants.Count; v++)
            {
                Func<int, int> call = variants[v];
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < calls; i++)
                {
                    sink += call(i);
                    if (Sse2.IsSupported)
                    {
                        Sse2.LoadFence();
                    }
                }

                times[v].Add((Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency / calls / unitsPerCall[v]);
            }
        }

        return (times, sink);
    }

    /// <summary>One line per variant: its name, its fastest and its median pass, in <paramref name="format"/>.</summary>
    public static void Print(IReadOnlyList<string> names, List<double>[] times, string format)
    {
        Console.WriteLine($"{"variant",-52} {"fastest",8} {"median",8}");
        for (int v = 0; v < names.Count; v++)
        {
            List<double> sorted = times[v].OrderBy(t => t).ToList();
            Console.WriteLine($"{names[v],-52} {sorted[0].ToString(format),8} {sorted[sorted.Count / 2].ToString(format),8}");
        }
    }
}
