using System;
using System.Collections.Generic;

namespace Pix;

/// <summary>How <see cref="HardwareProfile.Calibrate"/> measures this machine.</summary>
public sealed record CalibrationOptions
{
    /// <summary>The defaults: about 15 seconds in all (up to 30 while every pass runs on a shared core).</summary>
    public static CalibrationOptions Default { get; } = new();

    /// <summary>
    /// Time spent running every kernel round-robin before any is measured, so that all of them reach
    /// tier-1 code together (each newly compiled method delays the tiering of the others).
    /// </summary>
    public TimeSpan WarmupTime { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Wall-clock budget for the whole run. Whole passes over the kernels are repeated while the
    /// next one is expected to fit (each kernel's figure is its quietest timing), between <see cref="MinRepetitions"/> and <see cref="MaxRepetitions"/>;
    /// past it only while no pass has run on a core of its own (<see cref="QuietPassCeiling"/>).
    /// </summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long the run may go on past <see cref="TimeBudget"/> (measured, like it, from the start of the run) while every
    /// pass so far ran on a shared core: whole passes continue until one runs on a core of its own or the next would
    /// end after this; null (the default) is twice the budget, and the budget itself never waits. More passes are more
    /// chances for each kernel's quietest timing to be a quiet core's (<see cref="CalibrationResult.QuietPasses"/>); a run
    /// that reached the ceiling without a quiet pass says so (<see cref="CalibrationResult.CeilingReached"/>).
    /// </summary>
    public TimeSpan? QuietPassCeiling { get; init; }

    /// <summary><see cref="QuietPassCeiling"/>, or twice <see cref="TimeBudget"/> when it is null.</summary>
    internal TimeSpan EffectiveQuietPassCeiling => QuietPassCeiling ?? TimeSpan.FromTicks(2 * TimeBudget.Ticks);

    /// <summary>Passes over all kernels always made.</summary>
    public int MinRepetitions { get; init; } = 2;

    /// <summary>Most passes over all kernels.</summary>
    public int MaxRepetitions { get; init; } = 16;

    /// <summary>
    /// How each kernel is timed within a pass. Back to back: a kernel is a long loop whose
    /// per-iteration cost is fitted across kernels, and a fence per call would only add a constant.
    /// </summary>
    public MeasurementOptions Measurement { get; init; } = new()
    {
        Mode = MeasurementMode.Throughput,
        ProbeIssueRate = false,
        WarmupTime = TimeSpan.FromMilliseconds(40),
        MinBatchTime = TimeSpan.FromMilliseconds(0.5),
        BatchCount = 11,
        MaxSettleRounds = 2,
    };

    /// <summary>
    /// Working sets (bytes, strictly increasing) at which the dependent-load latency is measured for
    /// the profile's memory-level curve (<see cref="HardwareProfile.LoadNs"/>); empty to skip it.
    /// At most 16 sizes; the default, 16 KiB to 256 MiB in steps of 2x, allocates 256 MiB (the largest) while the calibration runs.
    /// </summary>
    public IReadOnlyList<long> MemoryWorkingSets { get; init; } = Calibration.Kernels.MemoryChase.DefaultSizes;

    /// <summary>The profile's name; the machine's host name when null.</summary>
    public string? ProfileName { get; init; }

    /// <summary>
    /// Whether the profile records the measured issue width (<see cref="CalibrationResult.MeasuredIssueWidth"/>) and
    /// so prices every block's issue slots at it; true by default (false leaves the profile at
    /// <see cref="HardwareProfile.DefaultIssueWidth"/>). Recorded since the extractor counts the forms RyuJIT's listings
    /// show (an indexed floating-point load issues apart, a floating-point element's update keeps its address): on the
    /// ninth session's quiet closing run the network functions came within 10% for 9 of 17 workloads (mean error
    /// 10.0%) against 8 (13.3%) at the default width with the same counts, and `pix validate` 9.4% / 9.6% (tiered / TC=0)
    /// against 9.6% / 10.7%. The width is the fastest issue kernel's rate, the front end's peak: loops of array and
    /// floating-point work issue fewer slots a cycle and are priced fast by up to 16% (docs/accuracy.md, "Ninth session").
    /// </summary>
    public bool RecordIssueWidth { get; init; } = true;

    /// <summary>
    /// The placement-sensitive kernels' figures over several processes (<c>pix calibrate</c> starts them: <see cref="Calibration.ProcessAverage"/>),
    /// which then price <see cref="OperationClass.IntegerAlu"/>'s chain, <see cref="OperationClass.LibraryCopyCall"/> and
    /// <see cref="OperationClass.LoopExitMiss"/> instead of this process's own timings; null (the default, and what a program
    /// calling <see cref="HardwareProfile.Calibrate"/> gets) keeps the in-process figures.
    /// </summary>
    internal Calibration.ProcessAverage? AcrossProcesses { get; init; }

    /// <summary>
    /// Options that aim to finish within <paramref name="budget"/> (warm-up shortened for small budgets), with
    /// <see cref="MinRepetitions"/> passes at least, as the defaults: the first pass sizes every kernel's batches and
    /// takes 2–4x as long as a later one, so predicting the second from it stopped loaded runs after one pass with a
    /// third of the budget unused, and every one-pass calibration of the fifteenth session read the slow group of
    /// <c>Load</c>'s throughput (docs/accuracy.md, "Fifteenth session: a calibration that waits for a quiet pass").
    /// </summary>
    public static CalibrationOptions ForBudget(TimeSpan budget)
    {
        if (budget <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "The calibration budget must be positive.");
        }

        TimeSpan warmup = TimeSpan.FromTicks(Math.Min(Default.WarmupTime.Ticks, budget.Ticks / 5));
        return Default with { TimeBudget = budget, WarmupTime = warmup };
    }

    internal void Validate()
    {
        if (WarmupTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(WarmupTime), WarmupTime, "Warm-up time cannot be negative.");
        }

        if (QuietPassCeiling is { } ceiling && ceiling < TimeBudget)
        {
            throw new ArgumentOutOfRangeException(nameof(QuietPassCeiling), ceiling, $"The quiet-pass ceiling cannot be shorter than the time budget ({TimeBudget}).");
        }

        if (MinRepetitions < 1 || MaxRepetitions < MinRepetitions)
        {
            throw new ArgumentOutOfRangeException(nameof(MinRepetitions), $"Repetitions must satisfy 1 <= min ({MinRepetitions}) <= max ({MaxRepetitions}).");
        }

        (Measurement ?? throw new ArgumentNullException(nameof(Measurement))).Validate();
        IReadOnlyList<long> sets = MemoryWorkingSets ?? throw new ArgumentNullException(nameof(MemoryWorkingSets));
        if (sets.Count > Calibration.Kernels.MemoryChase.MaxChases)
        {
            throw new ArgumentOutOfRangeException(nameof(MemoryWorkingSets), sets.Count, $"At most {Calibration.Kernels.MemoryChase.MaxChases} memory working sets can be measured; got {sets.Count}.");
        }

        for (int i = 0; i < sets.Count; i++)
        {
            if (sets[i] < Calibration.Kernels.MemoryChase.MinimumBytes || sets[i] > Calibration.Kernels.MemoryChase.MaximumBytes || (i > 0 && sets[i] <= sets[i - 1]))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(MemoryWorkingSets),
                    $"Memory working sets must be strictly increasing sizes between {Calibration.Kernels.MemoryChase.MinimumBytes} and {Calibration.Kernels.MemoryChase.MaximumBytes} bytes; entry {i} is {sets[i]}.");
            }
        }
    }
}
