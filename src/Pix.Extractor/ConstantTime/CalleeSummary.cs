using System.Collections.Immutable;

namespace Pix.ConstantTime;

/// <summary>
/// What a source method does with secrets, for one pattern of secret arguments: the leaks inside
/// it, whether its result is secret, and which of its ref/out parameters receive secrets.
/// </summary>
/// <param name="Findings">Leaks inside the callee (and its callees), in its own source.</param>
/// <param name="ReturnsSecret">True when the returned value depends on a secret.</param>
/// <param name="SecretOutputs">Ordinals of ref/out/span parameters the callee writes secrets into.</param>
internal sealed record CalleeSummary(
    ImmutableArray<ConstantTimeFinding> Findings,
    bool ReturnsSecret,
    ImmutableHashSet<int> SecretOutputs)
{
    /// <summary>What is assumed when a callee cannot be analysed (recursion, depth): everything flows, nothing is reported.</summary>
    public static CalleeSummary Opaque { get; } = new(ImmutableArray<ConstantTimeFinding>.Empty, true, ImmutableHashSet<int>.Empty);
}
