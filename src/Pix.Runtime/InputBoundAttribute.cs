using System;

namespace Pix;

/// <summary>
/// The largest value an input of a <see cref="PerformanceInterfaceAttribute"/> method takes in the
/// deployment its <see cref="PerformanceInterfaceAttribute.Budget"/> is meant for, e.g.
/// <c>[InputBound("payload.Length", 1500)]</c> for packets of at most one Ethernet MTU.
/// </summary>
/// <remarks>
/// <para>A latency that grows with an input has no finite worst case until that input is bounded, so a
/// budget can only be checked once every such input has a bound; the analyzer says which ones lack
/// one. One attribute per input.</para>
/// <para><see cref="Input"/> is written as the interface names the input: a parameter (<c>n</c>), a
/// size (<c>data.Length</c>, <c>items.Count</c>), instance state (<c>_count</c>), or a
/// performance-critical variable by its parameter name in <c>LatencyOf_X</c> (<c>chainLength</c>).
/// The bound is the input's own maximum, inclusive, so a typo or a negative value is reported at the
/// attribute rather than silently ignored.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false, AllowMultiple = true)]
public sealed class InputBoundAttribute : Attribute
{
    /// <summary>Bounds <paramref name="input"/> by <paramref name="maximum"/> (inclusive).</summary>
    /// <param name="input">The input as the interface names it (<c>"data.Length"</c>).</param>
    /// <param name="maximum">Its largest value.</param>
    public InputBoundAttribute(string input, long maximum)
    {
        Input = input;
        Maximum = maximum;
    }

    /// <summary>The input as the interface names it (<c>data.Length</c>).</summary>
    public string Input { get; }

    /// <summary>The input's largest value, inclusive.</summary>
    public long Maximum { get; }
}
