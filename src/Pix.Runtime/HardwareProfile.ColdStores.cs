using System;
using System.Collections.Generic;

namespace Pix;

// Cold stores: the stores of one call to lines of a structure larger than L1 that are in no cache level
// smaller than the structure (PixHint.ColdStores): unlinking an entry of a large hash table writes its chain
// neighbours without reading them. A store does not wait for its line the way a load's consumer does: it
// retires into the store buffer, but stores commit in order, so a store whose line must be fetched holds up
// the ones behind it and, once the buffer fills, the core. What that costs is measured, not derived: the
// time per store of a loop storing to random places in working sets of several sizes (the store curve), of
// which a miss costs the excess over the smallest set's (an L1 hit, the loop's own work).
public sealed partial class HardwareProfile
{
    private MemoryStoreCost[] _memoryStores = Array.Empty<MemoryStoreCost>();

    /// <summary>
    /// Time per random, independent store by working-set size, smallest set first; empty for a profile
    /// without the curve (calibrated before it existed): then a cold store costs nothing more than a store.
    /// </summary>
    public IReadOnlyList<MemoryStoreCost> MemoryStores => Array.AsReadOnly(_memoryStores);

    /// <summary>
    /// Nanoseconds per store of a loop storing to random places in <paramref name="footprintBytes"/> bytes: the store
    /// curve interpolated as <see cref="LoadNs"/> interpolates the load curve. Without a store curve, the
    /// <see cref="OperationClass.Store"/> throughput cost (cache-resident data), whatever the size.
    /// </summary>
    public double StoreNs(double footprintBytes) =>
        _memoryStores.Length == 0 ? ThroughputNs(OperationClass.Store) : Interpolate(_memoryStores, footprintBytes);

    /// <summary>
    /// What one cold store in a structure of <paramref name="footprintBytes"/> bytes costs on top of the
    /// <see cref="OperationClass.Store"/> it is already counted as: <c><see cref="StoreNs"/>(footprint) − StoreNs(the
    /// smallest measured set)</c>, never below 0. 0 on a profile without a store curve, which prices such a
    /// store as before the curve existed.
    /// </summary>
    /// <param name="footprintBytes">The structure's size in bytes (about: its entries times their size).</param>
    public double ColdStoreNs(double footprintBytes) =>
        _memoryStores.Length == 0 ? 0 : Math.Max(0, StoreNs(footprintBytes) - _memoryStores[0].NsPerStore);

    /// <summary>
    /// The extra cost of cold stores, <c>Σ counts[i] · <see cref="ColdStoreNs"/>(footprints[i])</c>, summed in
    /// order from 0, as <see cref="Price(BlockCounts)"/> and Pix's model evaluator both price a block's cold stores.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public double PriceColdStores(ReadOnlySpan<double> footprints, ReadOnlySpan<double> counts) => PriceMisses(footprints, counts, stores: true);

    /// <summary>A copy of this profile with the store curve replaced (an empty list removes it).</summary>
    /// <exception cref="ArgumentException">Sizes are not positive and strictly increasing, or a cost is negative, NaN or infinite.</exception>
    public HardwareProfile WithMemoryStores(IEnumerable<MemoryStoreCost> curve)
    {
        HardwareProfile copy = With(OperationClass.Store, _costs[(int)OperationClass.Store]);
        copy._memoryStores = ValidateCurve(curve ?? throw new ArgumentNullException(nameof(curve)), "a store into", nameof(curve));
        return copy;
    }
}
