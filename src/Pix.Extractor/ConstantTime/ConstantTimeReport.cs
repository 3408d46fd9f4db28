using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Pix.ConstantTime;

/// <summary>The constant-time verdict on one method.</summary>
/// <param name="Method">The method checked.</param>
/// <param name="Findings">Every place its time depends on a secret, in source order.</param>
/// <param name="MissingJitProtection">
/// When the method must be protected from JIT optimisation and is not, why it must be
/// (<c>is [ConstantTime]</c>); otherwise null.
/// </param>
public sealed record ConstantTimeReport(
    IMethodSymbol Method,
    ImmutableArray<ConstantTimeFinding> Findings,
    string? MissingJitProtection)
{
    /// <summary>True when nothing leaks and nothing is missing.</summary>
    public bool IsClean => Findings.IsEmpty && MissingJitProtection is null;
}
