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
    /// <summary>
    /// Every variable, parameter, field and property of the method the taint analysis found secret,
    /// with one path each (for the cross-check with the performance interface, <see cref="InterfaceAgreement"/>).
    /// </summary>
    public ImmutableDictionary<ISymbol, Taint> Secrets { get; init; } = ImmutableDictionary<ISymbol, Taint>.Empty.WithComparers(SymbolEqualityComparer.Default);

    /// <summary>True when nothing leaks and nothing is missing.</summary>
    public bool IsClean => Findings.IsEmpty && MissingJitProtection is null;
}
