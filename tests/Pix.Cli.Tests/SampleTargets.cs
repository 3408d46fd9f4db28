using System;
using Pix;

namespace Pix.Cli.Tests;

// Hand-written stand-ins for generated interfaces: `pix validate` finds them by reflection exactly as
// it finds generated ones. The formulas are arbitrary; the tests check plumbing, not accuracy.
public static class SampleTargets
{
    [PerformanceInterface]
    [PerformanceInputs(nameof(SumInputs))]
    public static long SumSpan(ReadOnlySpan<int> values)
    {
        long sum = 0;
        foreach (int v in values)
        {
            sum += v;
        }

        return sum;
    }

    public static Latency LatencyOf_SumSpan(ReadOnlySpan<int> values, HardwareProfile hw) =>
        Latency.FromNanoseconds(10 + (values.Length * 3 * hw.LatencyNs(OperationClass.IntegerAlu) / 0.99));

    [PerformanceInterface]
    public static int SampleNoInputs(int x) => x + 1;

    public static Latency LatencyOf_SampleNoInputs(int x, HardwareProfile hw) => Latency.FromNanoseconds(1);

    [PerformanceInterface]
    [PerformanceInputs(nameof(SumInputs))]
    public static int SampleMissingLatency(int[] values) => values.Length;

    [PerformanceInterface]
    [PerformanceInputs(nameof(BrokenInputs))]
    public static int BrokenFactory(int[] values) => values.Length;

    public static Latency LatencyOf_BrokenFactory(int[] values, HardwareProfile hw) => Latency.FromNanoseconds(values.Length);

    [PerformanceInterface]
    [PerformanceInputs(nameof(SumInputs))]
    public static int Throws(int[] values) => values.Length > 4 ? throw new InvalidOperationException("too long") : values.Length;

    public static Latency LatencyOf_Throws(int[] values, HardwareProfile hw) => Latency.FromNanoseconds(values.Length);

    [PerformanceInterface]
    [PerformanceInputs(nameof(RotatedInputs))]
    public static int FindFirst(int[] values, int value) => Array.IndexOf(values, value);

    public static Latency LatencyOf_FindFirst(int[] values, int value, HardwareProfile hw, double? looked = null) =>
        Latency.FromNanoseconds(looked ?? values.Length);

    private static object?[] SumInputs(int size) => new object?[] { new int[size] };

    // Two input sets of one size, each with its PCV: validation calls them in turn and predicts their mean (20 ns).
    private static object?[][] RotatedInputs(int size)
    {
        int[] values = new int[size];
        values[1] = 1;
        values[3] = 2;
        return new[] { new object?[] { values, 1, (double?)10 }, new object?[] { values, 2, (double?)30 } };
    }

    private static object?[] BrokenInputs(int size) => Array.Empty<object?>();
}

public sealed class Scaler
{
    private readonly int _factor;

    public Scaler(int factor) => _factor = factor;

    [PerformanceInterface]
    [PerformanceInputs(nameof(Inputs))]
    public int InstanceScale(int[] values, int repeat)
    {
        int total = 0;
        for (int r = 0; r < repeat; r++)
        {
            total += values.Length * _factor;
        }

        return total;
    }

    public Latency LatencyOf_InstanceScale(int[] values, int repeat, HardwareProfile hw, long extraPcv = 0) =>
        Latency.FromNanoseconds(repeat + extraPcv);

    private static object?[] Inputs(int size) => new object?[] { new Scaler(3), new int[size], size, 2L };
}
