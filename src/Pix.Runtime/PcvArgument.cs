using System;
using System.Runtime.CompilerServices;

namespace Pix;

/// <summary>
/// The check a generated companion makes of each performance-critical variable before it prices anything. A PCV counts
/// iterations or items, so NaN (which would flow silently into the latency), a negative count (which would subtract) and
/// infinity are refused, naming the parameter. The companion calls this once per PCV rather than spelling an <c>if</c> out:
/// five lines a PCV made an interface with seven PCVs a third longer to read, for a test the JIT inlines either way.
/// </summary>
public static class PcvArgument
{
    /// <summary>The message of the exception a refused PCV gets, from a companion and from the model evaluator alike.</summary>
    public const string RangeMessage = "A performance-critical variable counts iterations or items: a finite number, zero or more.";

    /// <summary>Whether <paramref name="value"/> is a count a PCV may hold: finite and not negative (NaN is not).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsCount(double value) => value >= 0d && value < double.PositiveInfinity;

    /// <summary>Refuses a PCV value that is no count.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN, negative or infinite.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Require(double value, string parameterName)
    {
        if (!IsCount(value))
        {
            Throw(value, parameterName);
        }
    }

    /// <summary>Refuses an optional PCV's value that is no count; null (the PCV's bound is used) passes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN, negative or infinite.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Require(double? value, string parameterName)
    {
        if (value is { } count)
        {
            Require(count, parameterName);
        }
    }

    // Kept out of the inlined callers: a throw in a method stops the JIT inlining it.
    private static void Throw(double value, string parameterName) =>
        throw new ArgumentOutOfRangeException(parameterName, value, RangeMessage);
}
