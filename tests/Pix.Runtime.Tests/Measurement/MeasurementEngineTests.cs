using System;
using System.Linq;
using Pix;

namespace Pix.Runtime.Tests.Measurement;

// One test here counts gen-0 collections (the settled allocator): alone, so no other class's allocations start one.
[Collection(GarbageCollectionCountCollection.Name)]
public sealed class MeasurementEngineTests
{
    // No issue-rate probe: it reads the real machine, whose neighbours could make a round count as
    // measured on a shared core and add rounds (CoreMonitorTests cover that logic with a fake probe).
    private static readonly MeasurementOptions Fast = new() { WarmupTime = TimeSpan.FromMilliseconds(1), ProbeIssueRate = false };

    [Fact]
    public void Sizes_batches_to_the_minimum_batch_time_and_reports_exact_cost()
    {
        var clock = new FakeClock();
        var engine = new MeasurementEngine(Fast, clock);

        MeasurementResult result = engine.Run(BatchRunner.For(() => clock.Advance(10)));

        Assert.Equal(11_000, result.CallsPerBatch); // 100 µs / 10 ns, plus 10% margin
        Assert.Equal(10, result.Median.Nanoseconds, 9);
        Assert.Equal(0, result.CoefficientOfVariation, 9);
        Assert.Equal(0, result.RelativeInterquartileRange, 9);
        Assert.True(result.Settled);
        Assert.Equal(1, result.Rounds);
        Assert.Equal(21, result.Samples.Count);
        Assert.Equal(0, result.Overhead.Nanoseconds);
        Assert.Equal("10.0 ns ± 0.0%", result.ToString());
    }

    [Fact]
    public void Slow_calls_run_one_per_batch()
    {
        var clock = new FakeClock();
        var engine = new MeasurementEngine(Fast, clock);

        MeasurementResult result = engine.Run(BatchRunner.For(() => clock.Advance(2_000_000)));

        Assert.Equal(1, result.CallsPerBatch);
        Assert.Equal(2, result.Median.Milliseconds, 9);
    }

    [Fact]
    public void Batch_size_follows_code_that_gets_faster_during_warm_up()
    {
        // Like tiered JIT: the first 50 000 calls cost 90 ns, later ones 10 ns.
        var clock = new FakeClock();
        long callCount = 0;
        var engine = new MeasurementEngine(Fast with { WarmupTime = TimeSpan.FromMilliseconds(20) }, clock);

        MeasurementResult result = engine.Run(BatchRunner.For(() => clock.Advance(++callCount <= 50_000 ? 90 : 10)));

        Assert.InRange(result.CallsPerBatch, 10_000, 11_000);
        Assert.Equal(10, result.Median.Nanoseconds, 9);
        Assert.True(result.Settled);
    }

    [Fact]
    public void An_interrupted_last_warm_up_batch_does_not_shrink_the_timed_batches()
    {
        // A 5 ms stall (another process, a collection) in the batch running when the warm-up ends:
        // sized from that batch alone, the timed batches would hold 237 calls instead of 11 000.
        var clock = new FakeClock();
        bool stalled = false;
        var engine = new MeasurementEngine(Fast, clock);

        MeasurementResult result = engine.Run(BatchRunner.For(() =>
        {
            if (!stalled && clock.Now >= 900_000)
            {
                stalled = true;
                clock.Advance(5_000_000);
            }

            clock.Advance(10);
        }));

        Assert.True(stalled);
        Assert.Equal(11_000, result.CallsPerBatch);
        Assert.Equal(10, result.Median.Nanoseconds, 9);
    }

    [Fact]
    public void A_fixed_batch_size_is_warmed_up_and_kept()
    {
        var clock = new FakeClock();
        int setups = 0;
        var engine = new MeasurementEngine(Fast with { CallsPerBatch = 500, SubtractOverhead = false }, clock);

        MeasurementResult result = engine.Run(BatchRunner.For(() => { setups++; return 0L; }, (long _) => clock.Advance(10)));

        Assert.Equal(500, result.CallsPerBatch);
        Assert.Equal(10, result.Median.Nanoseconds, 9);
        // 1 ms of warm-up at 5 µs a batch, one batch to see whether the code allocates, 21 timed.
        Assert.Equal(200 + 1 + 21, setups);
    }

    [Fact]
    public void Code_that_allocates_little_is_timed_at_once()
    {
        // 64 bytes a batch of 10 µs (0.0064 bytes/ns): one batch to find that out, then the timed ones.
        var clock = new FakeClock();
        int setups = 0;
        long calls = 0;
        var engine = new MeasurementEngine(Fast with { CallsPerBatch = 1_000, SubtractOverhead = false, BatchCount = 3 }, clock);

        engine.Run(BatchRunner.For(
            () => { setups++; return 0L; },
            (long _) =>
            {
                if (++calls % 1_000 == 0)
                {
                    GC.KeepAlive(new byte[64]);
                }

                clock.Advance(10);
            }));

        Assert.Equal(100 + 1 + 3, setups);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-3L)]
    public void A_fixed_batch_size_must_be_positive(long calls)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeasurementEngine(Fast with { CallsPerBatch = calls }, new FakeClock()));
    }

    [Fact]
    public void Code_that_allocates_is_timed_after_a_gen0_collection()
    {
        // The body stands in for the collector: a gen-0 collection every 8 000 calls after the
        // engine's own full collection. The batches between that and the next gen-0 one are not timed.
        var clock = new FakeClock();
        long calls = 0, callsAtFullCollection = -1;
        int collectionsSeen = GC.CollectionCount(0);
        var settled = new System.Collections.Generic.List<long>();
        var engine = new MeasurementEngine(Fast with { CallsPerBatch = 1_000, SubtractOverhead = false, BatchCount = 3 }, clock);

        engine.Run(BatchRunner.For(
            () =>
            {
                if (GC.CollectionCount(0) != collectionsSeen)
                {
                    collectionsSeen = GC.CollectionCount(0);
                    settled.Add(calls);
                }

                return 0L;
            },
            (long _) =>
            {
                // 4 KB a batch of 10 µs: fast enough to settle (0.4 bytes/ns), too little to start a
                // collection of its own.
                if (++calls % 1_000 == 0)
                {
                    GC.KeepAlive(new byte[4096]);
                }

                if (callsAtFullCollection < 0 && settled.Count > 0)
                {
                    callsAtFullCollection = settled[0];
                }

                if (callsAtFullCollection >= 0 && calls == callsAtFullCollection + 8_000)
                {
                    GC.Collect(0);
                }

                clock.Advance(10);
            }));

        // Seen before a batch: the engine's full collection after the warm-up, then the body's gen-0 one.
        Assert.True(settled.Count >= 2);
        Assert.Equal(settled[0] + 8_000, settled[1]);
        // Timed: the 3 batches after it.
        Assert.Equal(settled[1] + 3_000, calls);
    }

    [Fact]
    public void Drifting_timings_are_reported_as_not_settled_after_the_allowed_rounds()
    {
        var clock = new FakeClock();
        long callCount = 0;
        var engine = new MeasurementEngine(Fast with { MaxSettleRounds = 2 }, clock);

        // Each call is slower than the last: never settles.
        MeasurementResult result = engine.Run(BatchRunner.For(() => clock.Advance(1 + (++callCount / 1000))));

        Assert.False(result.Settled);
        Assert.Equal(2, result.Rounds);
        Assert.EndsWith("(not settled)", result.ToString());
    }

    [Fact]
    public void Setup_runs_before_every_batch_outside_the_timed_region()
    {
        var clock = new FakeClock();
        int setups = 0;
        var engine = new MeasurementEngine(Fast, clock);

        MeasurementResult result = engine.Run(BatchRunner.For(
            () => { setups++; clock.Advance(1_000_000); return 7L; },
            (long cost) => clock.Advance(cost)));

        Assert.Equal(7, result.Median.Nanoseconds, 9);
        Assert.True(setups > 21);
    }

    [Theory]
    [InlineData(1, 0, 100_000, 16)]            // nothing measured yet: grow 16x
    [InlineData(16, 160, 100_000, 256)]         // far too short: growth capped at 16x
    [InlineData(4096, 40_960, 100_000, 11_000)] // close: aim 10% over the target
    [InlineData(11_000, 990_000, 100_000, 1_223)] // code got 9x slower: shrink
    [InlineData(1, 5_000_000, 100_000, 1)]      // one call is already too long
    public void Next_batch_size(long calls, long ticks, long target, long expected)
    {
        Assert.Equal(expected, MeasurementEngine.NextBatchSize(calls, ticks, target));
    }

    [Fact]
    public void Settled_compares_first_and_last_thirds()
    {
        double[] flat = Enumerable.Repeat(10.0, 21).ToArray();
        double[] step = Enumerable.Repeat(10.0, 14).Concat(Enumerable.Repeat(11.0, 7)).ToArray();

        Assert.True(MeasurementEngine.IsSettled(flat, 0.05));
        Assert.False(MeasurementEngine.IsSettled(step, 0.05));
        Assert.True(MeasurementEngine.IsSettled(step, 0.10));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void Invalid_options_are_refused(int batches)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new MeasurementEngine(MeasurementOptions.Default with { BatchCount = batches }, new FakeClock()));
    }

    [Fact]
    public void Allocations_per_call_are_counted_on_the_real_clock()
    {
        // Structural only (no assertion on time): 21 batches happen and allocations are attributed per call.
        MeasurementResult result = Pix.Measurement.Measure(
            () => new byte[1000],
            new MeasurementOptions { WarmupTime = TimeSpan.Zero, BatchCount = 3, MinBatchTime = TimeSpan.FromMilliseconds(1) });

        Assert.Equal(3, result.Samples.Count);
        Assert.NotNull(result.AllocatedBytesPerCall);
        Assert.InRange(result.AllocatedBytesPerCall!.Value, 1000, 1100);
    }
}
