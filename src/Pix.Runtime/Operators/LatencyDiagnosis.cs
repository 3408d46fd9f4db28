using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Pix;

/// <summary>
/// Diagnosis: given a latency observed far above what the interface predicts for typical state,
/// which value of which performance-critical variable would explain it? For example, a NAT whose
/// packets take 2 µs instead of 60 ns: a hash-collision attack makes <c>chainLength</c> ≈ 750.
/// </summary>
/// <remarks>
/// Each PCV is searched on its own, the others held at their typical values: exponentially up from
/// the typical value until the prediction reaches the observation (or the limit), then by bisection
/// over whole values (PCVs count iterations). The search relies on the prediction not decreasing as
/// the PCV grows — true of Pix interfaces, whose costs are non-negative sums of terms — and checks it
/// on every value it evaluates, answering <see cref="PcvVerdict.NotMonotone"/> rather than a wrong value.
/// </remarks>
public static class LatencyDiagnosis
{
    /// <summary>The largest PCV value tried when none is given: 2^24.</summary>
    public const double DefaultLimit = 1 << 24;

    /// <summary>Searches each PCV for a value that explains <paramref name="observed"/>.</summary>
    /// <param name="predict">The interface for the input observed, as a function of the PCV values (in <paramref name="pcvs"/> order).</param>
    /// <param name="pcvs">The PCVs' names.</param>
    /// <param name="typical">Their typical values (e.g. medians over typical traffic).</param>
    /// <param name="observed">The latency observed.</param>
    /// <param name="limits">Per PCV, the largest value to try (its bound when the interface knows one); null for <see cref="DefaultLimit"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="observed"/> is NaN or negative, or a typical value is NaN, negative or infinite.</exception>
    /// <exception cref="ArgumentException">A count or limit does not fit the PCVs, or <paramref name="predict"/> gives NaN (a companion called with a NaN input or PCV does).</exception>
    public static LatencyDiagnosisReport Diagnose(
        Func<IReadOnlyList<double>, Latency> predict,
        IReadOnlyList<string> pcvs,
        IReadOnlyList<double> typical,
        Latency observed,
        IReadOnlyList<double>? limits = null)
    {
        if (predict is null || pcvs is null || typical is null)
        {
            throw new ArgumentNullException(predict is null ? nameof(predict) : pcvs is null ? nameof(pcvs) : nameof(typical));
        }

        if (typical.Count != pcvs.Count || (limits is not null && limits.Count != pcvs.Count))
        {
            throw new ArgumentException($"Expected one typical value{(limits is null ? "" : " and one limit")} per PCV ({pcvs.Count}).");
        }

        // The search reads its verdicts from comparisons, which NaN makes false: refuse what no latency or PCV can be.
        if (double.IsNaN(observed.Nanoseconds) || observed.Nanoseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(observed), observed.Nanoseconds, "An observed latency is a number of nanoseconds, zero or more.");
        }

        for (int i = 0; i < pcvs.Count; i++)
        {
            if (!(typical[i] >= 0) || double.IsPositiveInfinity(typical[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(typical), typical[i], $"The typical value of {pcvs[i]} must be a finite number, zero or more: a PCV counts iterations or items.");
            }
        }

        Func<IReadOnlyList<double>, Latency> numeric = values => predict(values) is var latency && !double.IsNaN(latency.Nanoseconds)
            ? latency
            : throw new ArgumentException($"The prediction for ({string.Join(", ", values)}) is not a number.", nameof(predict));
        Latency expected = numeric(typical);
        var explanations = new List<PcvExplanation>();
        for (int i = 0; i < pcvs.Count; i++)
        {
            double limit = limits?[i] ?? DefaultLimit;
            if (!(limit >= typical[i]))
            {
                throw new ArgumentException($"The limit of {pcvs[i]} ({limit}) is below its typical value ({typical[i]}).", nameof(limits));
            }

            explanations.Add(Search(numeric, pcvs[i], i, typical, observed, expected, limit));
        }

        return new LatencyDiagnosisReport(observed, expected, explanations);
    }

    private static PcvExplanation Search(
        Func<IReadOnlyList<double>, Latency> predict, string name, int index, IReadOnlyList<double> typical, Latency observed, Latency expected, double limit)
    {
        double[] values = typical.ToArray();
        Latency At(double value)
        {
            values[index] = value;
            return predict(values);
        }

        // Exponential phase: lo predicts below the observation, hi at or above it.
        double lo = typical[index];
        Latency atLo = expected;
        double hi = lo;
        Latency atHi = atLo;
        while (atHi < observed)
        {
            if (hi >= limit)
            {
                return new PcvExplanation(name, typical[index], atHi == expected ? PcvVerdict.NoEffect : PcvVerdict.CannotReach, hi, atHi);
            }

            double next = Math.Min(limit, Math.Max(1, Math.Floor(hi) * 2));
            Latency atNext = At(next);
            if (atNext < atHi)
            {
                return new PcvExplanation(name, typical[index], PcvVerdict.NotMonotone, next, atNext);
            }

            (lo, atLo, hi, atHi) = (hi, atHi, next, atNext);
        }

        if (hi == typical[index])
        {
            // The typical state already predicts the observation: no growth is needed.
            return new PcvExplanation(name, typical[index], PcvVerdict.Explains, hi, atHi);
        }

        // Bisection over whole values in (lo, hi]: the smallest one that reaches the observation.
        lo = Math.Floor(lo);
        while (hi - lo > 1)
        {
            double middle = Math.Floor(lo + ((hi - lo) / 2));
            Latency atMiddle = At(middle);
            if (atMiddle < atLo || atMiddle > atHi)
            {
                return new PcvExplanation(name, typical[index], PcvVerdict.NotMonotone, middle, atMiddle);
            }

            if (atMiddle >= observed)
            {
                (hi, atHi) = (middle, atMiddle);
            }
            else
            {
                (lo, atLo) = (middle, atMiddle);
            }
        }

        return new PcvExplanation(name, typical[index], PcvVerdict.Explains, hi, atHi);
    }
}

/// <summary>The answer of <see cref="LatencyDiagnosis.Diagnose"/>.</summary>
/// <param name="Observed">The latency observed.</param>
/// <param name="Expected">The prediction for the typical PCV values.</param>
/// <param name="Explanations">One per PCV, in the order given.</param>
public sealed record LatencyDiagnosisReport(Latency Observed, Latency Expected, IReadOnlyList<PcvExplanation> Explanations)
{
    /// <summary>The PCVs that explain the observation on their own.</summary>
    public IEnumerable<PcvExplanation> Explaining => Explanations.Where(e => e.Verdict == PcvVerdict.Explains);

    /// <summary>Observed against expected, then one line per PCV; says so when no PCV alone explains the observation.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("observed ").Append(Observed).Append(", typical prediction ").Append(Expected);
        if (Expected.Nanoseconds > 0)
        {
            text.Append(" (").Append((Observed / Expected).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)).Append("x)");
        }

        foreach (PcvExplanation explanation in Explanations)
        {
            text.AppendLine().Append("  ").Append(explanation);
        }

        if (!Explaining.Any())
        {
            text.AppendLine().Append("  no single PCV explains it: the cause is outside the interface (or several PCVs together)");
        }

        return text.ToString();
    }
}
