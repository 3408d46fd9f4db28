using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Pix.Calibration.Kernels;

namespace Pix.Calibration;

/// <summary>
/// What one child process of <c>pix calibrate</c> measures (<c>pix calibrate-kernels</c>): only the placement-sensitive
/// kernels, each in its copies (<see cref="PlacementCopies"/>), with the calibrator's iteration counts and timing options,
/// each copy's figure its quietest batch over <c>timings</c> timings (as <see cref="Calibrator"/> takes it). A few hundred
/// milliseconds, so that several such processes cost less than a pass of the whole calibration.
/// </summary>
internal static class PlacementKernelTimer
{
    /// <summary>
    /// Timings of each copy (each up to two rounds of eleven batches), in two rounds over all the probes; the figure is the
    /// quietest batch. One timing each read a copy 2–5x slow in two of four children at load 33 (a neighbour's burst
    /// lasting a whole timing: append 3.73–10.98 ns against 1.97), which the mean over children would keep.
    /// </summary>
    public const int DefaultTimings = 2;

    /// <summary>
    /// The common warm-up: long enough for every copy to be call-counted, wait out the tiering delay (100 ms after the last
    /// new method) and be compiled at Tier 1 (the in-process calibration warms up 1.5 s because it has 100 kernels).
    /// </summary>
    public static readonly TimeSpan DefaultWarmup = TimeSpan.FromMilliseconds(400);

    /// <summary>Times the kernels in this process and returns its sample (its deployment: <see cref="MachineInfo"/>).</summary>
    public static ProcessSample Run(TimeSpan warmup, int timings)
    {
        if (!Calibrator.KernelsAreOptimized)
        {
            throw new InvalidOperationException("This Pix.Runtime assembly was built in Debug: its kernels would run unoptimised. Use a Release build.");
        }

        var state = new KernelState();
        var appends = new LibraryCopyCallKernel();
        var exits = new LoopExitKernels(seed: 23023);
        var append = new List<Func<long>>();
        var fixedExit = new List<Func<long>>();
        var randomExit = new List<Func<long>>();
        var alu = new List<Func<long>>();
        for (int k = 0; k < PlacementCopies.Count; k++)
        {
            Func<int, long> a = appends.Copies[k], p = exits.PredictedCopies[k], m = exits.MispredictedCopies[k];
            Func<KernelState, int, long> c = LatencyKernels.AluCopies[k];
            append.Add(() => a(Calibrator.Iterations));
            fixedExit.Add(() => p(Calibrator.ExitSearches));
            randomExit.Add(() => m(Calibrator.ExitSearches));
            alu.Add(() => c(state, Calibrator.Iterations));
        }

        Func<long>[] all = append.Concat(fixedExit).Concat(randomExit).Concat(alu).ToArray();
        var clock = Stopwatch.StartNew();
        do
        {
            foreach (Func<long> body in all)
            {
                body();
            }
        }
        while (clock.Elapsed < warmup);

        // Every timing of every copy, in rounds (each round times every probe once), as the calibrator's passes do.
        var batches = all.ToDictionary(b => b, _ => new List<double>());
        MeasurementOptions options = CalibrationOptions.Default.Measurement with { WarmupTime = TimeSpan.FromMilliseconds(5) };
        for (int t = 0; t < Math.Max(1, timings); t++)
        {
            foreach (Func<long> body in all)
            {
                batches[body].AddRange(Measurement.MeasureWith(body, options).Samples);
            }
        }

        double Quietest(Func<long> body, int units) => batches[body].Min() / units;

        MachineDescription machine = MachineInfo.Describe();
        return new ProcessSample(
            append.Select(b => Quietest(b, Calibrator.Iterations)).ToArray(),
            Enumerable.Range(0, PlacementCopies.Count)
                .Select(k => Quietest(randomExit[k], Calibrator.ExitSearches) - Quietest(fixedExit[k], Calibrator.ExitSearches))
                .ToArray(),
            alu.Select(b => Quietest(b, Calibrator.Iterations)).ToArray(),
            machine.Runtime,
            machine.JitSettings);
    }
}
