using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using Pix.Samples.NetworkFunctions.Workloads;
using static FencedTimestamp;

/// <summary>
/// <c>--reload</c>: what the verdict's read of the just-stored <c>Tokens</c> costs a packet (<see cref="ReloadVariants"/>).
/// The driver's own policer workloads (<c>typical</c>, <c>burst</c>: every packet refills, so every verdict reads a
/// value stored a few instructions before), each packet's headers read into the cache first (as the driver does), then
/// timed alone with fenced timestamps less the same packet's call
/// to an empty method, the slowest tenth dropped; the variants alternate within a pass and the pass's order rotates;
/// per variant the median pass's mean. Differences between variants are what the reload adds to the chain.
/// </summary>
internal static class ReloadProbe
{
    private const int Setup = 20_000;

    // Where the header reads go, so the JIT keeps them.
    private static int s_touched;

    public static int Run(int passes)
    {
        string[] variants = { "reload (the sample's)", "kept in a local", "reload, indexed address" };
        foreach (string workloadName in new[] { "burst", "typical" })
        {
            Workload traffic = ScenarioCatalog.Create("policer", workloadName).Workload;
            var results = variants.Select(_ => new List<double>()).ToArray();
            var warmUp = Stopwatch.StartNew();
            for (int pass = 0; results.Any(r => r.Count < passes); pass++)
            {
                bool keep = warmUp.Elapsed >= TimeSpan.FromSeconds(2);
                for (int k = 0; k < variants.Length; k++)
                {
                    int v = (k + pass) % variants.Length;
                    double ns = v switch
                    {
                        0 => Time<Reload>(traffic),
                        1 => Time<Local>(traffic),
                        _ => Time<IndexedReload>(traffic),
                    };
                    if (keep && results[v].Count < passes)
                    {
                        results[v].Add(ns);
                    }
                }
            }

            Console.WriteLine($"policer {workloadName}: Police copies less an empty call, ns (median of {passes} passes; min-max)");
            for (int v = 0; v < variants.Length; v++)
            {
                double[] sorted = results[v].OrderBy(x => x).ToArray();
                Console.WriteLine($"  {variants[v],-26} {sorted[sorted.Length / 2],6:0.00}   ({sorted[0]:0.00}-{sorted[^1]:0.00})");
            }
        }

        return 0;
    }

    // One pass: a fresh copy brought to the workload's state by its first Setup packets, then the rest timed one by one.
    private static double Time<TCall>(Workload traffic)
        where TCall : struct, ICall
    {
        var policer = new ReloadVariants();
        var empty = new EmptyPolicer();
        TCall call = default;
        for (int i = 0; i < Setup; i++)
        {
            call.Police(policer, traffic.Packet(i), traffic.Time(i));
        }

        int timed = traffic.Count - Setup;
        var policed = new long[timed];
        var emptied = new long[timed];
        for (int i = Setup; i < traffic.Count; i++)
        {
            ReadOnlySpan<byte> packet = traffic.Packet(i);
            long now = traffic.Time(i);
            // The headers in the cache, as the driver has them (Workload.TouchHeaders): the frames span tens of megabytes.
            s_touched += traffic.TouchHeaders(i);
            long a = Start();
            call.Police(policer, packet, now);
            long b = End();
            long c = Start();
            empty.Police(packet, now);
            long d = End();
            policed[i - Setup] = b - a;
            emptied[i - Setup] = d - c;
        }

        return (QuietMean(policed) - QuietMean(emptied)) * (1e9 / Stopwatch.Frequency);
    }

    private static double QuietMean(long[] ticks)
    {
        long[] sorted = ticks.OrderBy(t => t).ToArray();
        return sorted.Take(sorted.Length * 9 / 10).Average();
    }

    // Struct callers: the generic Time is compiled once per variant, each with a direct call to its copy.
    private interface ICall
    {
        bool Police(ReloadVariants policer, ReadOnlySpan<byte> packet, long now);
    }

    private struct Reload : ICall
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Police(ReloadVariants policer, ReadOnlySpan<byte> packet, long now) => policer.PoliceReload(packet, now);
    }

    private struct Local : ICall
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Police(ReloadVariants policer, ReadOnlySpan<byte> packet, long now) => policer.PoliceLocal(packet, now);
    }

    private struct IndexedReload : ICall
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Police(ReloadVariants policer, ReadOnlySpan<byte> packet, long now) => policer.PoliceIndexedReload(packet, now);
    }
}
