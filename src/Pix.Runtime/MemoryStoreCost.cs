namespace Pix;

/// <summary>
/// One point of a machine's store curve: the time per store when a loop stores to random places in a
/// working set of <see cref="WorkingSetBytes"/> (independent stores, addresses precomputed, so no store
/// waits for a load), so that a store into a table larger than a cache level pays what its line's
/// fetch costs there. Stores are not chased like loads: they retire into the store buffer, and what they
/// cost is the rate at which it drains, so the curve is a throughput, not a latency.
/// </summary>
/// <param name="WorkingSetBytes">Bytes the stores are spread over (positive).</param>
/// <param name="NsPerStore">Nanoseconds per store of the loop at that size (finite, non-negative).</param>
public readonly record struct MemoryStoreCost(long WorkingSetBytes, double NsPerStore) : IMemoryCurvePoint
{
    /// <inheritdoc/>
    double IMemoryCurvePoint.Ns => NsPerStore;

    /// <inheritdoc/>
    public override string ToString() => $"{MemoryLoadLatency.Describe(WorkingSetBytes)}: {NsPerStore:0.##} ns a store";
}
