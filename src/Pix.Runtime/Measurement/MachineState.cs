using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix;

/// <summary>
/// How fast this machine runs right now against the profile it is judged by: a few milliseconds timing a handful
/// of the calibration's own kernels (a dependent ALU chain, a dependent load chain in L1, pointer chases in L2 and
/// beyond it) and dividing each by what the profile prices it. It is reported beside a measurement so that a reader
/// can tell "the machine ran 1.4× slower than when it was calibrated" from "the interface is wrong"; it never changes
/// a prediction.
/// </summary>
/// <remarks>
/// Why it is needed: on a shared host the same binary measured the NAT's median packet at 40.0, 56.7, 57.0 and 80.0 ns
/// in four runs, every packet group moving together (docs/accuracy.md, fourteenth session), while the shared-core flag
/// (<see cref="Measurement.CoreIssueRate"/>) saw nothing: it sees a second hardware thread on the core, not another
/// tenant on the host's L3 and memory, nor the clock. The probe times what those slow down.
/// <para>The ratios are measurements too: each kernel is timed in several rounds, kernels interleaved within a round,
/// and every ratio carries the quartiles of its rounds. A ratio of 1 means "as priced", not "as calibrated": the
/// profile's costs are fits across kernels and the quietest of several passes, so a probe taken in the calibration's
/// own state can read a few percent above 1.</para>
/// </remarks>
public sealed class MachineState
{
    private MachineState(IReadOnlyList<KernelRatio> kernels, int rounds, double? factor, double? lowFactor, double? highFactor)
    {
        Kernels = kernels;
        Rounds = rounds;
        Factor = factor;
        LowFactor = lowFactor;
        HighFactor = highFactor;
    }

    /// <summary>Each kernel's ratio, in the probe's order (fastest level first).</summary>
    public IReadOnlyList<KernelRatio> Kernels { get; }

    /// <summary>Rounds of timings the ratios are medians of.</summary>
    public int Rounds { get; }

    /// <summary>
    /// One figure for the whole machine: per round, the geometric mean of the priced kernels' ratios (ratios multiply:
    /// one kernel at 2 and one at 0.5 is a machine as priced), and the median of those over the rounds. Null when the
    /// profile prices none of the kernels.
    /// </summary>
    public double? Factor { get; }

    /// <summary>Lower quartile of the rounds' factors.</summary>
    public double? LowFactor { get; }

    /// <summary>Upper quartile of the rounds' factors.</summary>
    public double? HighFactor { get; }

    /// <summary>
    /// Probes this machine now against <paramref name="profile"/> (a few milliseconds; the first call in a process
    /// also warms the kernels up for 1.5 s, so that they run optimised code as they did when calibrated).
    /// </summary>
    public static MachineState Probe(HardwareProfile profile) =>
        MachineStateProbe.Process.Measure(profile ?? throw new ArgumentNullException(nameof(profile)));

    /// <summary>"1.08 (1.05–1.11)": the factor and its quartiles, or "-" when there is none.</summary>
    public string FactorText => Factor is { } factor
        ? FormattableString.Invariant($"{factor:0.00} ({LowFactor:0.00}–{HighFactor:0.00})")
        : "-";

    /// <summary>"factor 1.08 (1.05–1.11) over 9 rounds: alu chain 1.00 (0.99–1.02), …".</summary>
    public override string ToString() =>
        (Factor is null ? "no factor (the profile prices none of the kernels)" : "factor " + FactorText)
        + $" over {Rounds} rounds: " + string.Join(", ", Kernels);

    /// <summary>
    /// The state from each kernel's timings (nanoseconds per step, one per round, rounds in the same order for every
    /// kernel) and price. Kept apart from the timing so that it can be checked on made-up timings.
    /// </summary>
    internal static MachineState From(IReadOnlyList<ProbedKernel> kernels)
    {
        if (kernels.Count == 0)
        {
            throw new ArgumentException("A machine state needs at least one kernel.", nameof(kernels));
        }

        int rounds = kernels[0].RoundNs.Count;
        foreach (ProbedKernel k in kernels)
        {
            if (rounds == 0 || k.RoundNs.Count != rounds)
            {
                throw new ArgumentException($"Every kernel needs the same number of rounds, at least one; '{k.Name}' has {k.RoundNs.Count}, '{kernels[0].Name}' {rounds}.", nameof(kernels));
            }

            if (k.RoundNs.Any(ns => !(ns > 0) || double.IsInfinity(ns)))
            {
                throw new ArgumentException($"Kernel '{k.Name}' has a timing that is not a positive number of nanoseconds.", nameof(kernels));
            }
        }

        var ratios = kernels.Select(k => k.PricedNs is { } priced ? k.RoundNs.Select(ns => ns / priced).ToArray() : null).ToArray();
        var results = kernels.Select((k, i) =>
        {
            double measured = SampleStatistics.MedianOf(k.RoundNs);
            if (ratios[i] is not { } r)
            {
                return new KernelRatio(k.Name, measured, null, null, null, null, k.Unpriced);
            }

            SampleStatistics s = SampleStatistics.Of(r);
            return new KernelRatio(k.Name, measured, k.PricedNs, s.Median, s.LowerQuartile, s.UpperQuartile, null);
        }).ToArray();

        double[][] priced = ratios.Where(r => r is not null).Select(r => r!).ToArray();
        if (priced.Length == 0)
        {
            return new MachineState(results, rounds, null, null, null);
        }

        SampleStatistics factors = SampleStatistics.Of(Enumerable.Range(0, rounds).Select(round => GeometricMean(priced.Select(r => r[round]))));
        return new MachineState(results, rounds, factors.Median, factors.LowerQuartile, factors.UpperQuartile);
    }

    private static double GeometricMean(IEnumerable<double> values) => Math.Exp(values.Average(Math.Log));
}

/// <summary>One kernel's input to <see cref="MachineState.From"/>.</summary>
/// <param name="Name">The kernel's name.</param>
/// <param name="PricedNs">What the profile prices one step at (positive); null when it cannot.</param>
/// <param name="Unpriced">Why there is no price, when <paramref name="PricedNs"/> is null.</param>
/// <param name="RoundNs">Nanoseconds per step measured in each round.</param>
internal readonly record struct ProbedKernel(string Name, double? PricedNs, string? Unpriced, IReadOnlyList<double> RoundNs);
