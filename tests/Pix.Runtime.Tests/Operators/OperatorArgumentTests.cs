using System;
using System.Collections.Generic;

namespace Pix.Runtime.Tests.Operators;

/// <summary>
/// The operator APIs given values no latency or PCV can have (NaN, negative): an <see cref="ArgumentException"/> naming
/// the argument, never a report that prints NaN or a verdict read from comparisons NaN makes false.
/// </summary>
public sealed class OperatorArgumentTests
{
    private static readonly string[] Chain = { "chain" };

    // 10 ns + 3 ns per chain entry.
    private static Latency Linear(IReadOnlyList<double> values) => new(10 + (3 * values[0]));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    public void Diagnose_refuses_an_observation_no_latency_can_have(double observed)
    {
        // NaN compared false with every prediction: each PCV was reported as explaining it at its typical value.
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => LatencyDiagnosis.Diagnose(Linear, Chain, new double[] { 1 }, new Latency(observed)));

        Assert.Equal("observed", e.ParamName);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-2.0)]
    [InlineData(double.PositiveInfinity)]
    public void Diagnose_refuses_a_typical_value_no_PCV_can_have_naming_typical(double typical)
    {
        // A NaN typical value was blamed on the limits ("the limit (16777216) is below its typical value (NaN)").
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => LatencyDiagnosis.Diagnose(Linear, Chain, new[] { typical }, new Latency(100)));

        Assert.Equal("typical", e.ParamName);
    }

    [Fact]
    public void Diagnose_refuses_a_prediction_that_is_not_a_number_naming_predict()
    {
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => LatencyDiagnosis.Diagnose(_ => new Latency(double.NaN), Chain, new double[] { 1 }, new Latency(100)));

        Assert.Equal("predict", e.ParamName);
    }

    [Fact]
    public void Compare_refuses_a_mix_whose_latency_is_not_a_number_naming_mix()
    {
        // NaN means compared false both ways: the two machines were said to tie at "NaN ns per input".
        HardwareProfile first = HardwareProfile.Reference;
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() =>
            HardwareChoice.Compare(first, first, profile => new[] { new Latency(10), new Latency(double.NaN) }));

        Assert.Equal("mix", e.ParamName);
    }
}
