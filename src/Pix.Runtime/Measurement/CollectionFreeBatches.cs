using System.Collections.Generic;

namespace Pix;

/// <summary>
/// The batches of a round that no gen-0 collection ran in, for code that allocates
/// (<see cref="MeasurementOptions.SkipCollectedBatches"/>).
/// </summary>
/// <remarks>
/// Why: with a 2 MiB gen-0 budget (this project's Zen 5 guest) a 100 µs batch of <c>Text.Repeat</c> allocates about
/// 1 MiB, so about half the batches hold a collection and half do not; the median falls in either population from one
/// measurement to the next (IQR/median 36–75% in the twentieth session's sweeps, the same size 0.69–1.3x between
/// passes). A calibrated profile prices an allocation from the allocation kernels' quietest batches, which are
/// collection-free (docs/calibration.md, `alloc20`), so those are the batches to compare its predictions with.
/// </remarks>
internal static class CollectionFreeBatches
{
    /// <summary>
    /// The fewest collection-free batches, as a fraction of the round, for their median to stand for it: fewer, and
    /// the collections are part of nearly every call's cost at this batch size, which the round's median keeps.
    /// </summary>
    public const double MinFraction = 1.0 / 3;

    /// <summary>
    /// The samples of the batches with no collection (<paramref name="collections"/>[i] == 0) when there are at least
    /// <see cref="MinFraction"/> of them and at least one batch held a collection; otherwise null (keep every batch).
    /// </summary>
    public static double[]? Of(IReadOnlyList<double> samples, IReadOnlyList<int> collections)
    {
        var free = new List<double>(samples.Count);
        for (int i = 0; i < samples.Count; i++)
        {
            if (collections[i] == 0)
            {
                free.Add(samples[i]);
            }
        }

        bool someCollected = free.Count < samples.Count;
        return someCollected && free.Count > 0 && free.Count >= MinFraction * samples.Count ? free.ToArray() : null;
    }
}
