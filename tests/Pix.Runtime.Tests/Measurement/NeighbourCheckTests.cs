using System;
using System.Collections.Generic;
using System.Linq;
using Pix;

namespace Pix.Runtime.Tests.Measurement;

/// <summary>
/// Batches after which the reference code ran slow are left out of a round's figures; the neighbour
/// check's timings and the batches' durations are fake sequences.
/// </summary>
public sealed class NeighbourCheckTests
{
    [Fact]
    public void A_reference_over_one_and_a_half_times_its_fastest_marks_a_shared_core()
    {
        var timings = new Queue<double>(new[] { 5_000.0, 5_200, 7_400, 7_600, 4_900, 7_400 });
        var check = new NeighbourCheck(timings.Dequeue);

        bool[] shared = Enumerable.Range(0, 6).Select(_ => check.Shared()).ToArray();

        // 7,400 is 1.48x the fastest (5,000) and not marked; 7,600 is 1.52x; after 4,900, 7,400 is 1.51x.
        Assert.Equal(new[] { false, false, false, true, false, true }, shared);
    }

    [Fact]
    public void Batches_run_beside_a_neighbour_are_left_out_of_the_figures()
    {
        // Nine batches of one call: 10 ns on a core of its own, 20 ns beside a neighbour, five of nine
        // beside it. Unfiltered the median would be the neighbour's 20 ns.
        bool[] beside = { true, false, true, false, true, false, true, false, true };
        MeasurementResult result = Measure(beside);

        Assert.Equal(10, result.Median.Nanoseconds, 6);
        Assert.Equal(5, result.BatchesOnSharedCore);
        Assert.Equal(5, result.BatchesLeftOut);
        Assert.False(result.CoreShared);
        Assert.Equal(1, result.Rounds);
    }

    [Fact]
    public void A_round_mostly_beside_a_neighbour_is_shared_and_measured_again()
    {
        // Round 1: seven of nine batches beside a neighbour (two own: under a third); round 2: none.
        bool[] beside = { true, true, false, true, true, true, false, true, true, false, false, false, false, false, false, false, false, false };
        MeasurementResult result = Measure(beside);

        Assert.Equal(2, result.Rounds);
        Assert.False(result.CoreShared);
        Assert.Equal(0, result.BatchesOnSharedCore);
        Assert.Equal(10, result.Median.Nanoseconds, 6);
    }

    [Fact]
    public void When_every_round_is_mostly_beside_a_neighbour_all_its_batches_count_and_it_is_flagged()
    {
        bool[] beside = Enumerable.Repeat(true, 27).ToArray();
        MeasurementResult result = Measure(beside);

        Assert.Equal(3, result.Rounds);
        Assert.True(result.CoreShared);
        Assert.Equal(9, result.BatchesOnSharedCore);
        Assert.Equal(0, result.BatchesLeftOut);
        Assert.Equal(20, result.Median.Nanoseconds, 6);
    }

    [Theory]
    [InlineData(new[] { false, false, false }, new[] { 1.0, 2, 3 }, false)]
    [InlineData(new[] { true, false, false, false }, new[] { 2.0, 3, 4 }, false)]
    [InlineData(new[] { true, true, false, false, false, true }, new[] { 3.0, 4, 5 }, false)]   // 3 of 6: enough
    [InlineData(new[] { true, true, true, true, false, false }, new[] { 1.0, 2, 3, 4, 5, 6 }, true)]   // 2 of 6: too few
    public void Own_core_batches_are_kept_in_order_when_there_are_enough(bool[] shared, double[] expected, bool mostlyShared)
    {
        double[] samples = Enumerable.Range(1, shared.Length).Select(i => (double)i).ToArray();

        (double[] kept, bool mostly) = MeasurementEngine.OwnCoreBatches(samples, shared);

        Assert.Equal(expected, kept);
        Assert.Equal(mostlyShared, mostly);
    }

    /// <summary>
    /// Nine batches a round, one call each, no overhead subtraction: a batch lasts 20 ns when the next
    /// entry of <paramref name="beside"/> is true (a neighbour), 10 ns otherwise, and the reference after
    /// it 2,000 ns or 1,000 ns. The check has seen the reference at 1,000 ns before (an earlier measurement).
    /// </summary>
    private static MeasurementResult Measure(bool[] beside)
    {
        var options = new MeasurementOptions
        {
            WarmupTime = TimeSpan.Zero,
            BatchCount = 9,
            CallsPerBatch = 1,
            SubtractOverhead = false,
            SettleTolerance = 1,
        };
        var clock = new FakeClock();
        int batch = -1;
        bool Beside() => batch >= 0 && batch < beside.Length && beside[batch];
        var neighbours = new NeighbourCheck(() =>
        {
            double ns = Beside() ? 2_000 : 1_000;
            batch++;
            return ns;
        });
        neighbours.Shared();
        var engine = new MeasurementEngine(options, clock, new CoreMonitor(() => 4.5), neighbours);
        return engine.Run(BatchRunner.For(() => clock.Advance(Beside() ? 20 : 10)));
    }
}
