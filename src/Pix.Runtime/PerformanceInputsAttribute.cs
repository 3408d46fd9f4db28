using System;

namespace Pix;

/// <summary>
/// Names a static factory that builds inputs of a given size for a <see cref="PerformanceInterfaceAttribute"/>
/// method, so that tools (<c>pix validate</c>, samples, benchmarks) can run the method and its
/// <c>LatencyOf_X</c> side by side over a sweep of sizes and compare prediction with measurement.
/// </summary>
/// <remarks>
/// <para>
/// The factory is a static method of the same type, <c>static object?[] Name(int size)</c>, returning:
/// for an instance method, the target instance first; then one value per parameter of the method, in
/// order; then, if the interface takes performance-critical variables (PCVs), one value per PCV in the
/// order <c>LatencyOf_X</c> declares them after its <c>HardwareProfile</c> parameter. A
/// <c>Span&lt;T&gt;</c>, <c>ReadOnlySpan&lt;T&gt;</c>, <c>Memory&lt;T&gt;</c> or
/// <c>ReadOnlyMemory&lt;T&gt;</c> parameter takes a <c>T[]</c> (a span cannot be boxed).
/// </para>
/// <para>
/// Every call of the method during a measurement receives the same arguments, so the factory must
/// build inputs that the method does not consume or change (sort a copy, not the input).
/// </para>
/// <para>
/// A factory may instead return <c>object?[][]</c>: several such input sets of one size (each with its
/// PCV values). The calls then take the sets in an order drawn at random, and the prediction compared
/// with them is the mean of the sets' predictions. That is for code whose cost depends on inputs
/// varying from call to call: a search's exit, which the branch predictor learns when the same value
/// is searched for every call.
/// </para>
/// <example>
/// <code>
/// [PerformanceInterface]
/// [PerformanceInputs(nameof(Inputs))]
/// public static uint Adler32(ReadOnlySpan&lt;byte&gt; data) { … }
///
/// private static object?[] Inputs(int size) => new object?[] { RandomBytes(size) };
/// </code>
/// </example>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class PerformanceInputsAttribute : Attribute
{
    /// <summary>Names the factory (use <c>nameof</c>).</summary>
    public PerformanceInputsAttribute(string factoryName) => FactoryName = factoryName;

    /// <summary>The name of the static <c>object?[] (int size)</c> (or <c>object?[][]</c>) factory in the same type.</summary>
    public string FactoryName { get; }

    /// <summary>
    /// The sizes to sweep when the tool is not told otherwise; empty means the tool's default sweep
    /// (16 to 65 536 by factors of 4). Sizes must be positive.
    /// </summary>
    public int[] Sizes { get; set; } = Array.Empty<int>();
}
