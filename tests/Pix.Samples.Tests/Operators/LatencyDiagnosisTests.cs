using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Samples.Tests.Operators;

/// <summary>The diagnosis search on functions whose answers are known.</summary>
public class LatencyDiagnosisTests
{
    private static readonly string[] Names = { "chain", "unused" };

    // 10 ns + 3 ns per chain entry; the second PCV does not matter.
    private static Latency Linear(IReadOnlyList<double> values) => new(10 + (3 * values[0]));

    [Fact]
    public void The_smallest_whole_value_that_reaches_the_observation_is_reported()
    {
        LatencyDiagnosisReport report = LatencyDiagnosis.Diagnose(Linear, Names, new double[] { 1, 0 }, new Latency(100));

        PcvExplanation chain = report.Explanations[0];
        Assert.Equal(PcvVerdict.Explains, chain.Verdict);
        Assert.Equal(30, chain.Value);
        Assert.Equal(100, chain.Prediction.Nanoseconds);
        Assert.Equal(13, report.Expected.Nanoseconds);

        // 101 ns needs 30.33 entries: the first whole value at or above it is 31.
        Assert.Equal(31, LatencyDiagnosis.Diagnose(Linear, Names, new double[] { 1, 0 }, new Latency(101)).Explanations[0].Value);
    }

    [Fact]
    public void A_PCV_the_prediction_does_not_depend_on_cannot_explain_anything()
    {
        LatencyDiagnosisReport report = LatencyDiagnosis.Diagnose(Linear, Names, new double[] { 1, 0 }, new Latency(100));

        Assert.Equal(PcvVerdict.NoEffect, report.Explanations[1].Verdict);
        Assert.Single(report.Explaining);
    }

    [Fact]
    public void A_limit_below_the_needed_value_says_the_PCV_cannot_reach_the_observation_and_the_report_says_none_can()
    {
        LatencyDiagnosisReport report = LatencyDiagnosis.Diagnose(Linear, Names, new double[] { 1, 0 }, new Latency(100), limits: new double[] { 8, 8 });

        Assert.Equal(PcvVerdict.CannotReach, report.Explanations[0].Verdict);
        Assert.Equal(8, report.Explanations[0].Value);
        Assert.Empty(report.Explaining);
        Assert.Contains("no single PCV explains it", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_prediction_that_falls_as_the_PCV_grows_gets_no_answer_rather_than_a_wrong_one()
    {
        // Rises to 1,000 ns at 64, then falls: the search would otherwise report a value between.
        static Latency Hump(IReadOnlyList<double> v) => new(v[0] <= 64 ? 10 + (15 * v[0]) : Math.Max(0, 1000 - v[0]));

        PcvExplanation chain = LatencyDiagnosis.Diagnose(Hump, Names, new double[] { 1, 0 }, new Latency(5000)).Explanations[0];

        Assert.Equal(PcvVerdict.NotMonotone, chain.Verdict);
    }

    [Fact]
    public void An_observation_the_typical_state_already_predicts_needs_no_growth()
    {
        PcvExplanation chain = LatencyDiagnosis.Diagnose(Linear, Names, new double[] { 5, 0 }, new Latency(20)).Explanations[0];

        Assert.Equal(PcvVerdict.Explains, chain.Verdict);
        Assert.Equal(5, chain.Value);
    }

    [Fact]
    public void Mismatched_arguments_are_rejected_with_a_message()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => LatencyDiagnosis.Diagnose(Linear, Names, new double[] { 1 }, new Latency(100)));
        Assert.Contains("one typical value", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => LatencyDiagnosis.Diagnose(Linear, Names, new double[] { 10, 0 }, new Latency(100), new double[] { 5, 5 }));
    }

    [Fact]
    public void Breakdown_shares_and_quantities_are_computed_from_its_terms()
    {
        var breakdown = new LatencyBreakdown(
            "M(int)",
            "otherwise",
            new[] { new LatencyTerm("straight-line code", 1, 38) },
            new LatencyTerm("loop", 12, 5.166666666666667, ("chain", 12)));

        Assert.Equal(38 + (12 * 5.166666666666667), breakdown.Total.Nanoseconds);
        Assert.Equal(2, breakdown.Terms.Count);
        (string name, double value, Latency latency) = breakdown.ByQuantity().Single();
        Assert.Equal(("chain", 12.0), (name, value));
        Assert.Equal(12 * 5.166666666666667, latency.Nanoseconds);
        Assert.StartsWith("M(int) = 100 ns (otherwise):\n   62%   62.0 ns  loop (chain = 12)", breakdown.ToString().Replace("\r\n", "\n"), StringComparison.Ordinal);
    }
}
