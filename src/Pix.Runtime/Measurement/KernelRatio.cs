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
    /// <summary>"chase 4 MiB 1.25 (1.10–1.40)", or "chase 4 MiB not priced (why)".</summary>
    public override string ToString() => Ratio is { } ratio
        ? FormattableString.Invariant($"{Kernel} {ratio:0.00} ({LowRatio:0.00}–{HighRatio:0.00})")
        : $"{Kernel} not priced ({Unpriced})";
}
