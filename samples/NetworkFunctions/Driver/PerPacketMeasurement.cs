using System;
using System.Diagnostics;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.NetworkFunctions.Driver;

/// <summary>What <see cref="PerPacketMeasurement.Run"/> measured for one scenario.</summary>
/// <param name="PacketsPerSecond">Measured packets per second over whole replays, without per-packet timers.</param>
/// <param name="PerPacketNs">Per measured packet, the median over repetitions of its timed latency (timer overhead included).</param>
/// <param name="TimerOverheadNs">Median cost of an empty timed region, for reading <paramref name="PerPacketNs"/>.</param>
public sealed record PerPacketResult(double PacketsPerSecond, double[] PerPacketNs, double TimerOverheadNs);

/// <summary>
/// Measures a scenario at steady state: warms up by time (tier-1 code arrives late, see
/// ARCHITECTURE.md), then replays the workload several times from the same starting state, timing
/// every measured packet with <see cref="Stopwatch.GetTimestamp"/> (its headers brought into the cache
/// just before, see <see cref="Workload.TouchHeaders"/>), and once more untimed for throughput.
/// </summary>
public static class PerPacketMeasurement
{
    // Where the header reads go, so the JIT cannot drop them.
    private static int s_touchedSink;

    /// <summary>Runs the measurement.</summary>
    public static PerPacketResult Run(Scenario scenario, TimeSpan warmUp, int repetitions)
    {
        Workload workload = scenario.Workload;
        int measured = workload.Count - workload.SetupCount;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < warmUp)
        {
            ReplayUntimed(scenario);
        }

        var samples = new double[repetitions][];
        double ticksToNs = 1e9 / Stopwatch.Frequency;
        int touched = 0;
        for (int r = 0; r < repetitions; r++)
        {
            scenario.ResetAndSetUp();
            var latencies = new double[measured];
            for (int i = 0; i < measured; i++)
            {
                int index = workload.SetupCount + i;
                scenario.BeforePacket(index);
                // A packet reaches a network function from a receive path that has just written or
                // classified it: its headers are in the cache. Without this, the workload's tens of
                // megabytes of frames make every packet start with a miss that belongs to the driver.
                touched += workload.TouchHeaders(index);
                long start = Stopwatch.GetTimestamp();
                scenario.Process(index);
                latencies[i] = (Stopwatch.GetTimestamp() - start) * ticksToNs;
            }

            samples[r] = latencies;
        }

        var perPacket = new double[measured];
        var column = new double[repetitions];
        for (int i = 0; i < measured; i++)
        {
            for (int r = 0; r < repetitions; r++)
            {
                column[r] = samples[r][i];
            }

            perPacket[i] = Statistics.Median(column);
        }

        double best = double.MaxValue;
        for (int r = 0; r < repetitions; r++)
        {
            best = Math.Min(best, ReplayUntimed(scenario));
        }

        s_touchedSink = touched;
        return new PerPacketResult(measured / best, perPacket, TimerOverhead());
    }

    /// <summary>
    /// Replays the measured packets once from the setup state; returns the seconds they took.
    /// Control events (e.g. a load balancer's table rebuild) run off the clock: they are control-plane work.
    /// </summary>
    private static double ReplayUntimed(Scenario scenario)
    {
        Workload workload = scenario.Workload;
        scenario.ResetAndSetUp();
        long elapsed = 0;
        long start = Stopwatch.GetTimestamp();
        for (int index = workload.SetupCount; index < workload.Count; index++)
        {
            if (workload.EventsBefore(index).Count > 0)
            {
                elapsed += Stopwatch.GetTimestamp() - start;
                scenario.BeforePacket(index);
                start = Stopwatch.GetTimestamp();
            }

            scenario.Process(index);
        }

        elapsed += Stopwatch.GetTimestamp() - start;
        return (double)elapsed / Stopwatch.Frequency;
    }

    private static double TimerOverhead()
    {
        var samples = new double[100_001];
        double ticksToNs = 1e9 / Stopwatch.Frequency;
        for (int i = 0; i < samples.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            samples[i] = (Stopwatch.GetTimestamp() - start) * ticksToNs;
        }

        return Statistics.Median(samples);
    }
}
