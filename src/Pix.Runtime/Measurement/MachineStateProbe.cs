using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Pix.Calibration;
using Pix.Calibration.Kernels;

namespace Pix;

/// <summary>
/// Times the kernels of a <see cref="MachineState"/>: the calibration's own dependent ALU chain and L1 load chain
/// (<see cref="CalibrationKernels"/>, priced with the counts the calibration fits them by) and its memory-level chase
/// (<see cref="MemoryChase"/>) over 2 MiB and 256 KiB, priced with the profile's memory-level curve at those sizes.
/// </summary>
/// <remarks>
/// Chains only, no throughput kernel: a chain's time is latencies (clock, cache and memory), which is what another
/// tenant on the host or a slower clock changes; what a second hardware thread on the core takes (issue slots) the
/// issue-rate probe already reports. 256 KiB is past L1 and within L2 on current x86 server cores (512 KiB–2 MiB);
/// 2 MiB is past L2 on this project's VM (512 KiB) and within the L3 it gets, where another VM's traffic lands; both
/// are points of the calibrated curve (<see cref="MemoryChase.DefaultSizes"/>); the reference profile interpolates.
/// <para>Each timing lasts about 100 µs on the machine this was written on, long beside the clock's resolution and
/// short beside a scheduler quantum; <see cref="Rounds"/> rounds, kernels interleaved within a round: by design about
/// 4 ms of timings plus the re-walks (not timed apart). The kernels are the calibrator's, not copies, so the probe
/// runs the code the profile priced; they tier up as ordinary code does, hence the time-based warm-up before the first
/// probe of a process.</para>
/// </remarks>
internal sealed class MachineStateProbe
{
    /// <summary>Rounds of timings per probe: enough for quartiles.</summary>
    public const int Rounds = 9;

    /// <summary>
    /// The memory chases, largest first: a working set beyond L2 (the NAT's flow table is 1.75 MiB) and one within it;
    /// the links a timing follows (about 100 µs at this VM's 16 and 4.5 ns per link: a quarter of the cycle through the
    /// larger set, four cycles through the smaller); and whether the set is walked once more before each timing.
    /// </summary>
    /// <remarks>
    /// Each round times the largest set first, so nothing timed before a kernel in its round evicted that kernel's data
    /// except the chase of 2 MiB, which evicts L2: the 256 KiB set is walked once, untimed, before each of its timings
    /// (a first version without that walk timed it at L3's latency, 3.5x its price). Re-walking the 2 MiB set would cost
    /// four times its timing; it stays in L3 from the probe's first walk, as nothing else in the probe fills L3.
    /// 4 MiB was tried first: on this VM it is the edge of the L3 it gets (the curve: 23.5 ns at 4 MiB, 117 at 8 MiB),
    /// and under load it read 5-6x its price, between rounds 4.5-48x.
    /// </remarks>
    internal static readonly IReadOnlyList<(long Bytes, int TimedLinks, bool Rewarm)> Chases = new[] { (2L << 20, 8_192, false), (256L << 10, 16_384, true) };

    /// <summary>
    /// Warm-up before the first probe of a process: the kernels start as tier-0 code and reach tier 1 only after
    /// 30 calls and a pause in the process's JIT activity, later still when the machine is loaded and the background
    /// compiler waits for a core (ARCHITECTURE.md: about 1.5 s of warm-up before timings settle). With 500 ms, the
    /// first probe of a `measure` run at load 30 read the ALU chain at 1.50 and every later probe at 1.01-1.04.
    /// </summary>
    internal static readonly TimeSpan FirstWarmUp = TimeSpan.FromMilliseconds(1500);

    private readonly object _gate = new();
    private readonly KernelState _state = new();
    private List<Kernel>? _kernels;
    private bool _warm;

    /// <summary>The process's probe (one, so its buffers and warm-up are paid once).</summary>
    public static MachineStateProbe Process { get; } = new();

    public MachineState Measure(HardwareProfile profile)
    {
        lock (_gate)
        {
            List<Kernel> kernels = _kernels ??= CreateKernels(_state);
            if (!_warm)
            {
                var clock = Stopwatch.StartNew();
                do
                {
                    kernels.ForEach(k => k.Run(k.TimedIterations));
                }
                while (clock.Elapsed < FirstWarmUp);
                _warm = true;
            }

            // Whatever ran since the last probe evicted the kernels' data: one untimed pass brings it back
            // (a whole cycle of each chase, largest first).
            kernels.ForEach(k => k.Run(k.WarmIterations));
            var roundNs = kernels.Select(_ => new double[Rounds]).ToArray();
            for (int round = 0; round < Rounds; round++)
            {
                for (int k = 0; k < kernels.Count; k++)
                {
                    roundNs[k][round] = kernels[k].NanosecondsPerStep();
                }
            }

            return MachineState.From(kernels.Select((k, i) =>
            {
                (double? priced, string? unpriced) = k.Price(profile);
                return new ProbedKernel(k.Name, priced, unpriced, roundNs[i]);
            }).ToList());
        }
    }

    private static List<Kernel> CreateKernels(KernelState state)
    {
        // MemoryChase.Create wants the sizes in increasing order; the probe times them in decreasing order.
        var bySize = Chases.OrderBy(c => c.Bytes).ToArray();
        IReadOnlyList<MemoryChase> chases = MemoryChase.Create(bySize.Select(c => c.Bytes).ToArray(), seed: 12345);
        var kernels = new List<Kernel>();
        for (int i = chases.Count - 1; i >= 0; i--)
        {
            MemoryChase chase = chases[i];
            const int LineBytes = 64;
            int cycle = (int)(chase.WorkingSetBytes / LineBytes / MemoryChase.LinksPerIteration);
            kernels.Add(new Kernel(
                "chase " + MemoryLoadLatency.Describe(chase.WorkingSetBytes),
                n => chase.Run(n),
                TimedIterations: bySize[i].TimedLinks / MemoryChase.LinksPerIteration,
                WarmIterations: cycle,
                RewarmIterations: bySize[i].Rewarm ? cycle : 0,
                StepsPerIteration: MemoryChase.LinksPerIteration,
                profile => profile.MemoryLoads.Count == 0 ? (null, "the profile has no memory-level curve") : (profile.LoadNs(chase.WorkingSetBytes), null)));
        }

        // The load chain's 1 KiB comes back from L2 in a few dozen of its 65,536 steps, and the ALU chain reads no data: no re-walk.
        kernels.Add(Calibrated(LatencyKernels.Load, state, 4_096));
        kernels.Add(Calibrated(LatencyKernels.Alu, state, 16_384));
        return kernels;
    }

    /// <summary>A chain kernel of the calibration's catalogue, priced as the calibration fits it: its counts times their latencies.</summary>
    private static Kernel Calibrated(Func<KernelState, int, long> run, KernelState state, int iterations)
    {
        CalibrationKernel kernel = CalibrationKernels.All.Single(k => k.Run == run);
        double steps = kernel.CountsPerIteration.Values.Sum();
        return new Kernel(
            kernel.Name,
            n => run(state, n),
            TimedIterations: iterations,
            WarmIterations: iterations,
            RewarmIterations: 0,
            StepsPerIteration: steps,
            profile => (kernel.CountsPerIteration.Sum(c => c.Value * profile.LatencyNs(c.Key)) / steps, null));
    }

    /// <summary>Something to time, and how the profile prices one of its steps (a chain link).</summary>
    private sealed record Kernel(string Name, Func<int, long> Run, int TimedIterations, int WarmIterations, int RewarmIterations, double StepsPerIteration, Func<HardwareProfile, (double? Priced, string? Unpriced)> PriceOf)
    {
        /// <summary>Keeps the kernels' results alive so the JIT cannot drop them.</summary>
        private static long s_sink;

        public double NanosecondsPerStep()
        {
            if (RewarmIterations > 0)
            {
                Run(RewarmIterations);
            }

            long start = Stopwatch.GetTimestamp();
            s_sink += Run(TimedIterations);
            long ticks = Stopwatch.GetTimestamp() - start;
            return Math.Max(1, ticks) * (1e9 / Stopwatch.Frequency) / (TimedIterations * StepsPerIteration);
        }

        /// <summary>The profile's price of a step; a price of 0 is no price (a ratio to it says nothing).</summary>
        public (double? Priced, string? Unpriced) Price(HardwareProfile profile)
        {
            (double? priced, string? unpriced) = PriceOf(profile);
            return priced is { } ns && !(ns > 0) ? (null, "the profile prices it at 0 ns") : (priced, unpriced);
        }
    }
}
