using System;
using Pix;

namespace Pix.Runtime.Tests.Measurement;

/// <summary>
/// With <see cref="MeasurementOptions.SkipCollectedBatches"/>, a round whose batches are split by gen-0 collections is
/// summarised by the batches without one. The body forces the collections (GC.Collect(0)) and costs more in those
/// batches; it runs alone, so no other test's allocations start a collection in a clean batch.
/// </summary>
[Collection(GarbageCollectionCountCollection.Name)]
public sealed class CollectionFreeBatchesTests
{
    private static MeasurementResult Measure(bool skip, Func<long, bool> collectsOnCall)
    {
        var clock = new FakeClock();
        var options = new MeasurementOptions
        {
            WarmupTime = TimeSpan.Zero, CallsPerBatch = 1, ProbeIssueRate = false, SubtractOverhead = false,
            SettleTolerance = 10, SkipCollectedBatches = skip,
        };
        long call = 0;
        return new MeasurementEngine(options, clock).Run(BatchRunner.For(() =>
        {
            if (collectsOnCall(call++))
            {
                GC.Collect(0);
                clock.Advance(30);
            }
            else
            {
                clock.Advance(10);
            }
        }));
    }

    [Fact]
    public void Two_batches_in_three_with_a_collection_leave_the_third_to_be_timed()
    {
        MeasurementResult result = Measure(skip: true, call => call % 3 != 0);

        Assert.Equal(10, result.Median.Nanoseconds, 9);
        Assert.Equal(14, result.BatchesLeftOut);
        Assert.Equal(7, result.Samples.Count);
    }

    [Fact]
    public void Without_the_option_every_batch_counts()
    {
        MeasurementResult result = Measure(skip: false, call => call % 3 != 0);

        Assert.Equal(30, result.Median.Nanoseconds, 9);
        Assert.Equal(0, result.BatchesLeftOut);
    }

    [Fact]
    public void Too_few_clean_batches_keep_every_batch()
    {
        // One batch in four without a collection (5 of 21, under a third): the collections are part of nearly every call here.
        MeasurementResult result = Measure(skip: true, call => call % 4 != 0);

        Assert.Equal(30, result.Median.Nanoseconds, 9);
        Assert.Equal(0, result.BatchesLeftOut);
    }

    [Fact]
    public void No_collection_leaves_nothing_out()
    {
        MeasurementResult result = Measure(skip: true, _ => false);

        Assert.Equal(10, result.Median.Nanoseconds, 9);
        Assert.Equal(0, result.BatchesLeftOut);
        Assert.Equal(21, result.Samples.Count);
    }
}
