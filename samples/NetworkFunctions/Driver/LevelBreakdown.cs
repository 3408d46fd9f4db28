using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.NetworkFunctions.Driver;

/// <summary>One group of packets in a <see cref="LevelBreakdown"/>: the same count of traced loads served beyond each level.</summary>
/// <param name="BeyondL1">Traced loads that missed L1 (in a structure larger than L1: served by L2 or beyond).</param>
/// <param name="BeyondHalfL2">Traced loads that missed L1 and half the L2 (the cold-load PCV as the workloads traced it before the fifteenth session).</param>
/// <param name="BeyondL2">Traced loads that missed L1 and the whole L2: the cold-load PCV as the workloads trace it (its loads served by L2 are <c>BeyondL1 − BeyondL2</c>).</param>
/// <param name="BeyondL3">Of those, the loads the simulated L3 missed too, served by memory: the PCV's <c>{name}FromMemory</c> (0 without an L3).</param>
/// <param name="Share">The group's share of the measured packets.</param>
/// <param name="MeasuredNs">The median of the group's measured latencies.</param>
/// <param name="PredictedNs">The median of the group's predictions (each with the PCV values its packet induced).</param>
public sealed record LevelGroup(int BeyondL1, int BeyondHalfL2, int BeyondL2, int BeyondL3, double Share, double MeasuredNs, double PredictedNs);

/// <summary>
/// Which cache level served a cold-load PCV's loads, and what each level costs a packet: the packets grouped by
/// how many of their traced loads missed L1, half the L2, the whole L2 (the PCV the interface prices; in a structure
/// larger than L2 the loads L2 served are its <c>{name}FromL2</c> PCV) and the simulated L3 (its <c>{name}FromMemory</c>
/// PCV, when the scenario's caches have a third level), with each group's measured and predicted
/// medians. A step between two groups that differ by one load served by L2 is what an L2 hit costs, to set beside
/// what the profile prices it (docs/accuracy.md, fourteenth and fifteenth sessions).
/// </summary>
public static class LevelBreakdown
{
    /// <summary>Groups smaller than this share of the packets are left out: their medians are noise.</summary>
    public const double MinimumShare = 0.02;

    /// <summary>
    /// Traces <paramref name="pcv"/> (a cold-load count) three times, through caches that count a load when it misses
    /// L1, half the L2 and the whole L2 (as the workloads do, with <c>{pcv}FromMemory</c> for the loads memory served);
    /// measures the workload; prints the groups.
    /// </summary>
    public static void Run(Scenario scenario, string pcv, HardwareProfile hw, TimeSpan warmUp, int repetitions)
    {
        if (!scenario.PcvNames.Contains(pcv))
        {
            throw new ArgumentException($"'{scenario.NetworkFunction}' has no PCV '{pcv}'; choose one of {string.Join(", ", scenario.PcvNames)}.");
        }

        MachineCaches caches = scenario.Caches;
        int[] beyondL1 = Trace(scenario, pcv, caches.ServingL1Only());
        int[] beyondHalfL2 = Trace(scenario, pcv, caches.ServingHalfL2());
        scenario.Caches = caches;
        PcvTrace trace = scenario.TracePcvs();
        int[] beyondL2 = trace.Column(pcv);
        string fromMemory = pcv + "FromMemory";
        int[] beyondL3 = scenario.PcvNames.Contains(fromMemory) ? trace.Column(fromMemory) : new int[beyondL2.Length];
        double[]? predicted = scenario.PredictAll(hw, trace);
        if (predicted is null)
        {
            Console.WriteLine($"{scenario.NetworkFunction} {scenario.Workload.Name}: no interface was generated.");
            return;
        }

        PerPacketResult result = PerPacketMeasurement.Run(scenario, warmUp, repetitions);
        // The driver's dispatch and the entry call, timed the same way (timer included, RunBaseline), are not the function's.
        double offset = Statistics.Median(PerPacketMeasurement.RunBaseline(scenario, warmUp, repetitions).PerPacketNs);
        double[] measured = result.PerPacketNs.Select(ns => ns - offset).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario.NetworkFunction} {scenario.Workload.Name}, '{pcv}' by the level that served its loads ({caches}); measured median {Statistics.Median(measured):0.0} ns, shared {result.SharedRepetitions}/{result.Repetitions}"));
        Console.WriteLine($"  {"beyond L1",9} {"½ L2",5} {"L2",4} {"L3",4} {"share",6} {"measured",9} {"predicted",10}");
        foreach (LevelGroup g in Group(beyondL1, beyondHalfL2, beyondL2, beyondL3, measured, predicted))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {g.BeyondL1,9} {g.BeyondHalfL2,5} {g.BeyondL2,4} {g.BeyondL3,4} {g.Share,6:0.0%} {g.MeasuredNs,6:0.0} ns {g.PredictedNs,7:0.0} ns"));
        }
    }

    /// <summary>
    /// The packets grouped by their four counts (ordered by them), each group with its share and its medians; groups
    /// under <see cref="MinimumShare"/> of the packets left out.
    /// </summary>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public static IReadOnlyList<LevelGroup> Group(int[] beyondL1, int[] beyondHalfL2, int[] beyondL2, int[] beyondL3, double[] measuredNs, double[] predictedNs)
    {
        int n = measuredNs.Length;
        if (beyondL1.Length != n || beyondHalfL2.Length != n || beyondL2.Length != n || beyondL3.Length != n || predictedNs.Length != n)
        {
            throw new ArgumentException("Every packet needs its four counts, its measurement and its prediction.");
        }

        return Enumerable.Range(0, n)
            .GroupBy(i => (beyondL1[i], beyondHalfL2[i], beyondL2[i], beyondL3[i]))
            .Where(g => g.Count() >= MinimumShare * n)
            .OrderBy(g => g.Key)
            .Select(g => new LevelGroup(g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Key.Item4, (double)g.Count() / n,
                Statistics.Median(g.Select(i => measuredNs[i]).ToArray()), Statistics.Median(g.Select(i => predictedNs[i]).ToArray())))
            .ToArray();
    }

    private static int[] Trace(Scenario scenario, string pcv, MachineCaches caches)
    {
        scenario.Caches = caches;
        return scenario.TracePcvs().Column(pcv);
    }
}
