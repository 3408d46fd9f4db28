using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Pix.ConstantTime;

/// <summary>What kind of timing leak a <see cref="ConstantTimeFinding"/> is.</summary>
public enum ViolationKind
{
    /// <summary>A branch on a secret (if, switch, ?:, &amp;&amp;, ||, patterns, Math.Min/Max): PIX0100.</summary>
    Branch,

    /// <summary>A loop whose trip count or early exit depends on a secret: PIX0101.</summary>
    Loop,

    /// <summary>A memory access indexed by a secret (array, span, pointer, dictionary key): PIX0102.</summary>
    MemoryIndex,

    /// <summary>An operation whose latency depends on its operands (integer / and %): PIX0103.</summary>
    VariableLatencyOperation,

    /// <summary>A library call known to run in data-dependent time, with a secret argument: PIX0104.</summary>
    VariableTimeApi,
}

/// <summary>
/// One place where a method's running time depends on a secret. The engine returns findings; the
/// analyzer turns them into diagnostics (this project reports nothing itself).
/// </summary>
/// <param name="Kind">The kind of leak.</param>
/// <param name="Location">The operation that leaks (a condition, an index, a call).</param>
/// <param name="Construct">What it is, for the message: <c>if condition 'diff != 0'</c>.</param>
/// <param name="Taint">How the secret reaches it.</param>
/// <param name="Detail">A witness or an explanation, one clause, or null.</param>
/// <param name="Via">For a leak inside a called method, the calls that lead there (outermost first).</param>
public sealed record ConstantTimeFinding(
    ViolationKind Kind,
    Location Location,
    string Construct,
    Taint Taint,
    string? Detail,
    ImmutableArray<Location> Via)
{
    /// <summary>Every location of the taint path and of the call chain, for additional locations.</summary>
    public ImmutableArray<Location> PathLocations()
    {
        var builder = ImmutableArray.CreateBuilder<Location>();
        foreach (TaintStep step in Taint.Steps)
        {
            builder.Add(step.Location);
        }

        builder.AddRange(Via.IsDefault ? ImmutableArray<Location>.Empty : Via);
        return builder.ToImmutable();
    }
}
