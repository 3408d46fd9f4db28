using System;
using System.Diagnostics;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.NetworkFunctions.Driver;

/// <summary>What <see cref="PerPacketMeasurement.Run"/> measured for one scenario.</summary>
/// <param name="PacketsPerSecond">Measured packets per second over whole replays, without per-packet timers.</param>
/// <param name="PerPacketNs">Per measured packet, the mean over repetitions of its timed latency (timer overhead included), without readings more than <see cref="PerPacketMeasurement.OutlierWindowSteps"/> clock steps from the packet's median: see <see cref="Statistics.WindowedMeanPerItem"/> for why.</param>
/// <param name="TimerOverheadNs">Cost of an empty timed region, estimated as the packets are (<see cref="PerPacketMeasurement.TimerOverhead"/>), for reading <paramref name="PerPacketNs"/>.</param>
/// <param name="Repetitions">Timed replays of the workload.</param>
/// <param name="SharedRepetitions">Of those, the ones that never got the core to themselves (<see cref="Measurement.IsCoreShared"/>).</param>
/// <param name="RepetitionNs">Per timed replay, per measured packet, the latency as timed (what <paramref name="PerPacketNs"/> is computed from).</param>
public sealed record PerPacketResult(double PacketsPerSecond, double[] PerPacketNs, double TimerOverheadNs, int Repetitions, int SharedRepetitions, double[][] RepetitionNs)
{
    /// <summary>The machine's state probed just before the first timed replay (after the warm-up); null when not asked for.</summary>
    public MachineState? StateBefore { get; init; }

    /// <summary>The machine's state probed just after the last timed replay; null when not asked for.</summary>
    public MachineState? StateAfter { get; init; }
}

/// <summary>
/// Measures a scenario at steady state: warms up by time (tier-1 code arrives late, see
/// ARCHITECTURE.md), then replays the workload several times from the same starting state, timing
/// every measured packet with <see cref="Stopwatch.GetTimestamp"/> (its headers brought into the cache
/// just before, see <see cref="Workload.TouchHeaders"/>), and once more untimed for throughput.
/// Each timed replay is bracketed by issue-rate probes (<see cref="Measurement.CoreIssueRate"/>): a
/// replay during which another hardware thread shared the core ran on a slower machine than the one
/// the profile describes, so it is replayed again, up to <see cref="MaxAttempts"/> times, keeping the
/// attempt with the highest rate.
/// </summary>
public static class PerPacketMeasurement
{
    /// <summary>Timed attempts per repetition while the core is shared.</summary>
    public const int MaxAttempts = 3;

    // Where the header reads go, so the JIT cannot drop them.
    private static int s_touchedSink;

    /// <summary>Runs the measurement.</summary>
    /// <param name="scenario">What to replay.</param>
    /// <param name="warmUp">How long to replay untimed first.</param>
    /// <param name="repetitions">Timed replays.</param>
    /// <param name="stateAgainst">
    /// When given, the machine's state against this profile is probed around the timed replays
    /// (<see cref="MachineState.Probe"/>, a few ms each): reported beside the figures, never applied to them.
    /// </param>
    public static PerPacketResult Run(Scenario scenario, TimeSpan warmUp, int repetitions, HardwareProfile? stateAgainst = null)
    {
        Workload workload = scenario.Workload;
        int measured = workload.Count - workload.SetupCount;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < warmUp)
        {
            ReplayUntimed(scenario);
        }

        // Its chases evict the caches; every timed replay starts from ResetAndSetUp, which fills them again.
        MachineState? stateBefore = stateAgainst is null ? null : MachineState.Probe(stateAgainst);
        var samples = new double[repetitions][];
        int shared = 0;
        for (int r = 0; r < repetitions; r++)
        {
            double bestRate = -1;
            for (int attempt = 0; attempt < MaxAttempts; attempt++)
            {
                double before = Measurement.CoreIssueRate();
                double[] latencies = TimedReplay(scenario);
                // The lower of the two probes: a neighbour that came or went during the replay shows in one of them.
                double rate = Math.Min(before, Measurement.CoreIssueRate());
                if (rate > bestRate)
                {
                    bestRate = rate;
                    samples[r] = latencies;
                }

                if (!Measurement.IsCoreShared(rate))
                {
                    break;
                }
            }

            // Judged against the highest rate seen by the end of the repetition, as the harness judges its rounds.
            shared += Measurement.IsCoreShared(bestRate) ? 1 : 0;
        }

        MachineState? stateAfter = stateAgainst is null ? null : MachineState.Probe(stateAgainst);
        double[] perPacket = Statistics.WindowedMeanPerItem(samples, OutlierWindowNs);
        double best = double.MaxValue;
        for (int r = 0; r < repetitions; r++)
        {
            best = Math.Min(best, ReplayUntimed(scenario));
        }

        return new PerPacketResult(measured / best, perPacket, TimerOverhead(), repetitions, shared, samples) { StateBefore = stateBefore, StateAfter = stateAfter };
    }

    /// <summary>
    /// Measures <paramref name="scenario"/>'s baseline as <see cref="Run"/> measures the scenario: its packets replayed
    /// through the same <see cref="Scenario.Process"/>, each making its entry point's call to the empty method of the
    /// same signature (<see cref="Scenario.EntryPointEmptied"/>). What it reads, less the timer, is the packet's cost
    /// outside the entry point's body (the scenario's dispatch and look-ups, and the call itself, which the interface
    /// of the caller prices, not the entry point's own); a measured latency less it is the body, as <c>pix validate</c>
    /// reads a method less an empty delegate call.
    /// </summary>
    public static PerPacketResult RunBaseline(Scenario scenario, TimeSpan warmUp, int repetitions)
    {
        bool emptied = scenario.EntryPointEmptied;
        scenario.EntryPointEmptied = true;
        try
        {
            return Run(scenario, warmUp, repetitions);
        }
        finally
        {
            scenario.EntryPointEmptied = emptied;
        }
    }

    /// <summary>
    /// Replays the measured packets once from the setup state, timing each; returns their latencies in ns.
    /// Compiled fully optimised at its first call and never again (as the harness's timing loops are, BatchRunner):
    /// tiered, it was OSR code at first and Tier-1 code later, compiled with a guarded devirtualization for
    /// whichever scenario its profile saw (the policer's, timed first for the timer), which inlined that scenario's
    /// <see cref="Scenario.Process"/> into the timed region and left every other one a virtual call. So a function and
    /// its baseline, timed one after the other, could be timed by different code (firewall typical read 32 ns after the
    /// other functions under `measure all all` and 26 ns alone: docs/accuracy.md, "Twenty-first session: one rule for the
    /// entry call"). Here the call is always virtual.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static double[] TimedReplay(Scenario scenario)
    {
        Workload workload = scenario.Workload;
        double ticksToNs = 1e9 / Stopwatch.Frequency;
        int touched = 0;
        scenario.ResetAndSetUp();
        var latencies = new double[workload.Count - workload.SetupCount];
        for (int i = 0; i < latencies.Length; i++)
        {
            int index = workload.SetupCount + i;
            scenario.BeforePacket(index);
            // A packet reaches a network function from a receive path that has just written or
            // classified it: its headers are in the cache. Without this, the workload's tens of
            // megabytes of frames make every packet start with a miss that belongs to the driver.
            touched += workload.TouchHeaders(index);
            long start = StartTimestamp();
            scenario.Process(index);
            latencies[i] = (EndTimestamp() - start) * ticksToNs;
        }

        s_touchedSink = touched;
        return latencies;
    }

    /// <summary>
    /// The timestamp a timed region starts at, fenced: no instruction after it starts until it has completed.
    /// <see cref="Stopwatch.GetTimestamp"/> reads the TSC early and then converts it (a multiply, a shift, the vDSO's
    /// sequence check: tens of cycles that wait on the TSC read); unfenced, the packet's own work ran beside that
    /// conversion and was hidden in the empty region the driver subtracts (bench/Pix.TimerFloor). Where there is no
    /// LFENCE the region is unfenced, as <see cref="Measurement"/>'s latency mode is.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static long StartTimestamp()
    {
        long start = Stopwatch.GetTimestamp();
        Fence();
        return start;
    }

    /// <summary>
    /// The timestamp a timed region ends at, fenced before: the vDSO orders its own TSC read after every earlier
    /// instruction, but not the call, the sequence load and the branches that lead to it, which ran beside the
    /// packet's last instructions (with only the start fenced, a chain of multiplies still read nothing up to 6 ns).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static long EndTimestamp()
    {
        Fence();
        return Stopwatch.GetTimestamp();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Fence()
    {
        if (System.Runtime.Intrinsics.X86.Sse2.IsSupported)
        {
            System.Runtime.Intrinsics.X86.Sse2.LoadFence();
        }
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

    /// <summary>How many of the clock's steps a repetition's reading may lie from the packet's median and still count.</summary>
    public const int OutlierWindowSteps = 2;

    private static double? s_clockStepNs;

    /// <summary>
    /// The step <see cref="Stopwatch.GetTimestamp"/> advances by, in ns, from 100,000 empty timed regions (measured once a process):
    /// 10 ns on this AMD EPYC under KVM, where a tick is 1 ns.
    /// </summary>
    public static double ClockStepNs
    {
        get
        {
            if (s_clockStepNs is null)
            {
                double ticksToNs = 1e9 / Stopwatch.Frequency;
                var lengths = new double[TimerRepetitions * TimerRegionsPerRound];
                for (int i = 0; i < lengths.Length; i++)
                {
                    long start = Stopwatch.GetTimestamp();
                    lengths[i] = (Stopwatch.GetTimestamp() - start) * ticksToNs;
                }

                s_clockStepNs = Statistics.Step(lengths, ticksToNs);
            }

            return s_clockStepNs.Value;
        }
    }

    private static double OutlierWindowNs => OutlierWindowSteps * ClockStepNs;

    /// <summary>
    /// The cost of an empty timed region, estimated as a packet's latency is: empty regions timed in
    /// <see cref="TimerRepetitions"/> rounds, the windowed mean per position over the rounds, the median of those,
    /// so that what the estimator does to a timed region's clock ticks it does to both alike.
    /// </summary>
    public static double TimerOverhead()
    {
        var samples = new double[TimerRepetitions][];
        double ticksToNs = 1e9 / Stopwatch.Frequency;
        for (int r = 0; r < samples.Length; r++)
        {
            samples[r] = new double[TimerRegionsPerRound];
            for (int i = 0; i < samples[r].Length; i++)
            {
                long start = StartTimestamp();
                samples[r][i] = (EndTimestamp() - start) * ticksToNs;
            }
        }

        return Statistics.Median(Statistics.WindowedMeanPerItem(samples, OutlierWindowNs));
    }

    // As many rounds as the driver's default repetitions (Program.cs), for the same resolution of the mean.
    private const int TimerRepetitions = 7;

    // About the 100,000 empty regions the overhead was the median of before the eleventh session, in 7 rounds.
    private const int TimerRegionsPerRound = 14_287;
}
