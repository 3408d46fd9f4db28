using System.Globalization;

namespace Pix;

/// <summary>What a search over one PCV found (see <see cref="LatencyDiagnosis"/>).</summary>
public enum PcvVerdict
{
    /// <summary>A value of the PCV makes the prediction reach the observed latency: <see cref="PcvExplanation.Value"/>.</summary>
    Explains,

    /// <summary>The prediction grows with the PCV but stays below the observed latency up to the search limit.</summary>
    CannotReach,

    /// <summary>The prediction does not change with the PCV (on this input, in this piece of the interface).</summary>
    NoEffect,

    /// <summary>The prediction fell somewhere as the PCV grew: a search that assumes monotonicity cannot answer.</summary>
    NotMonotone,
}

/// <summary>The answer for one PCV: which value of it, the others held at their typical values, explains an observation.</summary>
/// <param name="Pcv">The PCV's name.</param>
/// <param name="Typical">Its typical value, where the search started.</param>
/// <param name="Verdict">What the search found.</param>
/// <param name="Value">
/// For <see cref="PcvVerdict.Explains"/>, the smallest whole value at which the prediction reaches the observed latency;
/// otherwise the largest value tried.
/// </param>
/// <param name="Prediction">The prediction at <paramref name="Value"/>.</param>
public sealed record PcvExplanation(string Pcv, double Typical, PcvVerdict Verdict, double Value, Latency Prediction)
{
    /// <summary><c>chainLength = 742 (typical 1) predicts 2.35 µs</c>, or why no value does.</summary>
    public override string ToString()
    {
        string value = Value.ToString("#,0.###", CultureInfo.InvariantCulture);
        string typical = Typical.ToString("#,0.###", CultureInfo.InvariantCulture);
        return Verdict switch
        {
            PcvVerdict.Explains => $"{Pcv} = {value} (typical {typical}) predicts {Prediction}",
            PcvVerdict.CannotReach => $"{Pcv} cannot explain it: even at {value} (typical {typical}) the prediction is {Prediction}",
            PcvVerdict.NoEffect => $"{Pcv} cannot explain it: the prediction does not depend on it here ({Prediction} at {value})",
            _ => $"{Pcv}: the prediction is not monotone in it (it fell before {value}); no answer",
        };
    }
}
