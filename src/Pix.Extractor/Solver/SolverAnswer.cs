using System.Collections.Generic;
using System.Linq;

namespace Pix.Solver;

/// <summary>What an engine concluded about a <see cref="SolverQuestion"/>.</summary>
public enum SolverVerdict
{
    /// <summary>An input exists; <see cref="SolverAnswer.Witness"/> shows one.</summary>
    Found,
    /// <summary>No input exists (proved).</summary>
    Impossible,
    /// <summary>
    /// The engine could neither find an input nor prove there is none: timeout, nonlinear arithmetic
    /// out of reach, or the fallback's sampling came back empty.
    /// </summary>
    Unknown,
}

/// <summary>An engine's answer: a verdict, the witness when one was found, and who answered.</summary>
/// <param name="Verdict">The conclusion.</param>
/// <param name="Witness">Values of the quantities (by name) when <see cref="SolverVerdict.Found"/>; empty otherwise.</param>
/// <param name="Engine">The engine's <see cref="SolverEngine.Name"/>.</param>
/// <param name="Detail">Why the verdict is <see cref="SolverVerdict.Unknown"/>, or how it was reached; for people.</param>
public sealed record SolverAnswer(
    SolverVerdict Verdict,
    IReadOnlyDictionary<string, double> Witness,
    string Engine,
    string Detail)
{
    /// <summary>An answer without a witness.</summary>
    public static SolverAnswer Without(SolverVerdict verdict, string engine, string detail) =>
        new(verdict, new Dictionary<string, double>(), engine, detail);

    /// <summary>The witness as <c>a = 1, b = 2</c>, sorted by name.</summary>
    public string FormatWitness() =>
        string.Join(", ", Witness.OrderBy(p => p.Key, System.StringComparer.Ordinal)
            .Select(p => p.Key + " = " + p.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
}
