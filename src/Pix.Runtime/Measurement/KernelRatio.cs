using System;

namespace Pix;

/// <summary>
/// One kernel of a <see cref="MachineState"/> probe: what it takes now, per dependent step, against what the
/// profile prices that step. A ratio above 1 means this machine is slower now than the profile says.
/// </summary>
/// <param name="Kernel">The kernel's name (a calibration kernel's name, or "chase 4 MiB" for a memory-level chase).</param>
/// <param name="MeasuredNs">Median over the probe's rounds of the nanoseconds per step measured now.</param>
/// <param name="PricedNs">What the profile prices a step at; null when it cannot (<paramref name="Unpriced"/> says why).</param>
/// <param name="Ratio">Median over the rounds of measured / priced; null when unpriced.</param>
/// <param name="LowRatio">Lower quartile of the rounds' ratios: the ratio is itself a measurement and carries its spread.</param>
/// <param name="HighRatio">Upper quartile of the rounds' ratios.</param>
/// <param name="Unpriced">Why the profile gives no price for this kernel (e.g. it has no memory-level curve); null when priced.</param>
public sealed record KernelRatio(string Kernel, double MeasuredNs, double? PricedNs, double? Ratio, double? LowRatio, double? HighRatio, string? Unpriced)
{
    /// <summary>
    /// How far the quartiles must sit from 1 before a ratio counts as the machine's state rather than the probe's noise:
    /// a ratio of 1 means "as priced", and a probe taken in the calibration's own state reads a few percent above it
    /// (the profile's costs are fits across kernels and the quietest of several passes; the fifteenth session's probes
    /// read the ALU and L1 chains at 1.02–1.09 minutes after calibrating).
    /// </summary>
    public const double Tolerance = 0.05;

    /// <summary>What the kernel times, so that a price can follow it (<see cref="HardwareProfile.AdjustedTo"/>); null for a kernel none does.</summary>
    public MachineStateKernel? Kind { get; init; }

    /// <summary>A memory chase's working set in bytes; 0 for the chains.</summary>
    public long WorkingSetBytes { get; init; }

    /// <summary>
    /// The ratio when it is distinguishable from 1: priced, and its whole interquartile range more than
    /// <see cref="Tolerance"/> above 1 or below it; null otherwise (then the state says "as priced" for this kernel).
    /// </summary>
    public double? DistinguishableRatio =>
        Ratio is { } ratio && (LowRatio > 1 + Tolerance || HighRatio < 1 - Tolerance) ? ratio : null;

    /// <summary>"chase 4 MiB 1.25 (1.10–1.40)", or "chase 4 MiB not priced (why)".</summary>
    public override string ToString() => Ratio is { } ratio
        ? FormattableString.Invariant($"{Kernel} {ratio:0.00} ({LowRatio:0.00}–{HighRatio:0.00})")
        : $"{Kernel} not priced ({Unpriced})";
}
