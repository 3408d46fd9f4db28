using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Pix.Samples.NetworkFunctions.Translation;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.ExpiryChain;

/// <summary>
/// The expiry storm's measured packets replayed as the driver replays them (from the setup state, headers
/// touched, each packet timed alone), four ways in each pass: through the scenario (the driver's call,
/// <c>Scenario.Process</c>, into which RyuJIT inlines <c>Nat.Process</c>); <c>Nat.Process</c> called directly;
/// and split in two timed regions, <c>ExpireSeenBefore</c> alone, then <c>Process</c> with nothing left to expire; and
/// <c>Process</c> alone after the expiry and a full fence (its stores written), off the clock.
/// Per group of traced <c>flowTableMisses</c> (0, 1, 2, 3 or more), a trimmed mean (a fifth off each end) over
/// the passes, less the empty timed region: sub-tick figures from a clock that steps 10 ns.
/// </summary>
internal static class StormSplit
{
    public static void Run(int passes)
    {
        var scenario = (NatScenario)ScenarioCatalog.Create("nat", "expiry-storm");
        Workload workload = scenario.Workload;
        int[] misses = scenario.TracePcvs().Column("flowTableMisses");
        byte[] output = new byte[2048];
        var cases = new[] { "through the scenario", "Nat.Process directly", "ExpireSeenBefore alone", "Process after it", "Process, stores drained", "Process, 300 ns later" };
        var samples = cases.Select(_ => new List<(int Misses, double Ns)>()).ToArray();
        var empty = new List<double>();
        const int WarmUpPasses = 20;
        for (int pass = 0; pass < WarmUpPasses + passes; pass++)
        {
            bool keep = pass >= WarmUpPasses;
            Replay((i, keepIt) =>
            {
                long a = Stopwatch.GetTimestamp();
                scenario.Process(i);
                long b = Stopwatch.GetTimestamp();
                return [b - a];
            }, keep ? samples[0] : null);
            Replay((i, keepIt) =>
            {
                long a = Stopwatch.GetTimestamp();
                scenario.Function.Process(workload.Packet(i), output, workload.InPort(i), workload.Time(i));
                long b = Stopwatch.GetTimestamp();
                return [b - a];
            }, keep ? samples[1] : null);
            Replay((i, keepIt) =>
            {
                long a = Stopwatch.GetTimestamp();
                scenario.Function.Flows.ExpireSeenBefore(workload.Time(i) - StormTimeout);
                long b = Stopwatch.GetTimestamp();
                scenario.Function.Process(workload.Packet(i), output, workload.InPort(i), workload.Time(i));
                long c = Stopwatch.GetTimestamp();
                long d = Stopwatch.GetTimestamp();
                if (keepIt)
                {
                    empty.Add((d - c) * TickNs);
                }

                return [b - a, c - b];
            }, keep ? samples[2] : null, keep ? samples[3] : null);
            // The expiry's stores (links of random entries in a 1.75 MiB pool) may still be in the store buffer when
            // Process starts: a full fence (MFENCE waits for them to be written) off the clock takes them out of it.
            Replay((i, keepIt) =>
            {
                scenario.Function.Flows.ExpireSeenBefore(workload.Time(i) - StormTimeout);
                System.Threading.Interlocked.MemoryBarrier();
                long a = Stopwatch.GetTimestamp();
                scenario.Function.Process(workload.Packet(i), output, workload.InPort(i), workload.Time(i));
                long b = Stopwatch.GetTimestamp();
                return [b - a];
            }, keep ? samples[4] : null);
            // The control: no fence, the expiry's stores given ~300 ns of register-only work (no store, no load) to drain.
            Replay((i, keepIt) =>
            {
                scenario.Function.Flows.ExpireSeenBefore(workload.Time(i) - StormTimeout);
                s_spin = Spin(s_spin | 1);
                long a = Stopwatch.GetTimestamp();
                scenario.Function.Process(workload.Packet(i), output, workload.InPort(i), workload.Time(i));
                long b = Stopwatch.GetTimestamp();
                return [b - a];
            }, keep ? samples[5] : null);
        }

        double emptyNs = TrimmedMean(empty);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"expiry storm, ns a packet less the empty timed region ({emptyNs:0.0} ns), trimmed mean of {passes} passes, by traced flowTableMisses"));
        Console.WriteLine($"  {"case",-24} {"all",7} {"0",7} {"1",7} {"2",7} {"3+",7}");
        for (int c = 0; c < cases.Length; c++)
        {
            var byMisses = Enumerable.Range(0, 4).Select(m => samples[c].Where(s => Math.Min(s.Misses, 3) == m).Select(s => s.Ns).ToList());
            string groups = string.Join(" ", byMisses.Select(g => g.Count == 0 ? "      —" : string.Create(CultureInfo.InvariantCulture, $"{TrimmedMean(g) - emptyNs,7:0.0}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {cases[c],-24} {TrimmedMean(samples[c].Select(s => s.Ns).ToList()) - emptyNs,7:0.0} {groups}"));
        }

        // One replay from the setup state as the driver's TimedReplay does it; timed regions go to the given lists.
        void Replay(Func<int, bool, long[]> packet, params List<(int, double)>?[] into)
        {
            scenario.ResetAndSetUp();
            for (int i = workload.SetupCount; i < workload.Count; i++)
            {
                scenario.BeforePacket(i);
                workload.TouchHeaders(i);
                long[] ticks = packet(i, into[0] is not null);
                for (int r = 0; r < ticks.Length; r++)
                {
                    into[r]?.Add((misses[i - workload.SetupCount], ticks[r] * TickNs));
                }
            }
        }
    }

    // 400 dependent multiply-adds (~4 cycles each: ~300-400 ns on this machine), registers only.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ulong Spin(ulong x)
    {
        for (int k = 0; k < 400; k++)
        {
            x = (x * 6364136223846793005UL) + 1;
        }

        return x;
    }

    private static ulong s_spin;

    // The expiry storm's flow timeout (NatScenario.ExpiryStorm: 20,000 µs), which Nat keeps private.
    private const long StormTimeout = 20_000;

    private static readonly double TickNs = 1e9 / Stopwatch.Frequency;

    private static double TrimmedMean(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        int cut = sorted.Count / 5;
        return sorted.Skip(cut).Take(sorted.Count - 2 * cut).Average();
    }
}
