using System;
using System.Linq;

namespace Pix;

// Cold loads: the loads of one call into a structure larger than L1 that miss every cache level smaller
// than the structure (PixHint.ColdLoads). How many miss is a property of the traffic (how long ago the entry was last
// touched), not of the code or of the array's allocated size, so the interface takes the count as a
// PCV; what each miss costs is the machine's, read from the memory-level curve at the structure's size.
// In a structure larger than L2 the loads that missed L1 but were served by L2 are a second count
// (the hint's {name}FromL2 PCV), priced at the curve's L2 plateau (L2HitNs). Of the loads beyond L2, which level
// serves them (L3 or memory) is the traffic's too (how long since the entry was used, what ran in between), so those
// memory served are a third count (the hint's {name}FromMemory PCV), priced at the curve's memory plateau less what
// the first count already charged for them (MemoryLoadNs).
public sealed partial class HardwareProfile
{
    /// <summary>
    /// What one cold load in a structure of <paramref name="footprintBytes"/> bytes (it misses every cache
    /// level smaller than the structure, as the curve's chase over that many bytes does) costs on
    /// top of the <see cref="OperationClass.Load"/> it is already counted as:
    /// <c><see cref="LoadNs"/>(footprint) − <see cref="LatencyNs"/>(Load)</c>, never below 0 (a miss is never
    /// cheaper than a hit). 0 on a profile without a memory-level curve, which cannot tell a miss from a hit.
    /// </summary>
    /// <param name="footprintBytes">The structure's size in bytes (about: its entries times their size).</param>
    public double ColdLoadNs(double footprintBytes)
    {
        if (_memoryLoads.Length == 0)
        {
            return 0;
        }

        // LoadNs reads a NaN or non-positive footprint as the smallest working set.
        return Math.Max(0, LoadNs(footprintBytes) - LatencyNs(OperationClass.Load));
    }

    /// <summary>
    /// What one load that missed L1 and was served by L2 costs on top of the <see cref="OperationClass.Load"/> it is
    /// already counted as: <c><see cref="LoadNs"/>(L2 bytes / 2) − <see cref="LatencyNs"/>(Load)</c>, never below 0. A
    /// random chase over half the L2 stays in it (a chase over the whole L2 already loses part of it to the L1's
    /// lines and the replacement policy, the curve's step), so the curve there is the L2 plateau. 0 on a profile
    /// without <see cref="MachineDescription.L2CacheBytes"/> or without a memory-level curve: such a profile prices
    /// the loads a <c>PixHint.ColdLoads</c> hint's <c>{name}FromL2</c> PCV counts as hits, as Pix did before it.
    /// </summary>
    public double L2HitNs =>
        Machine.L2CacheBytes is { } l2Bytes && _memoryLoads.Length > 0
            ? Math.Max(0, LoadNs(l2Bytes / 2.0) - LatencyNs(OperationClass.Load))
            : 0;

    /// <summary>
    /// What one cold load in a structure of <paramref name="footprintBytes"/> bytes that memory served (it missed the last
    /// cache level too) costs on top of the <see cref="OperationClass.Load"/> and the <see cref="ColdLoadNs"/> it is
    /// already counted as: <c><see cref="MemoryServedLoadNs"/>(footprint) − Load latency − <see cref="ColdLoadNs"/>(footprint)</c>,
    /// never below 0. 0 when the profile knows no price for a load memory served (see <see cref="MemoryServedLoadNs"/>):
    /// such a profile prices the loads a <c>PixHint.ColdLoads</c> hint's <c>{name}FromMemory</c> PCV counts at the
    /// footprint. Never NaN: a NaN or non-positive footprint reads as the curve's smallest set, as in <see cref="LoadNs"/>.
    /// </summary>
    /// <param name="footprintBytes">The structure's size in bytes.</param>
    public double MemoryLoadNs(double footprintBytes) =>
        MemoryServedLoadNs(footprintBytes) is { } memoryNs
            ? Math.Max(0, memoryNs - LatencyNs(OperationClass.Load) - ColdLoadNs(footprintBytes))
            : 0;

    /// <summary>
    /// What one load memory served in a structure of <paramref name="footprintBytes"/> bytes costs in all, the load
    /// included. With the calibrated <see cref="MemoryLatencyNs"/> (walk-free): that latency, or the curve at the
    /// footprint where the curve reads more (<c>max(MemoryLatencyNs, LoadNs(footprint))</c>): a chase can only cost more
    /// than a load memory serves when it pays page walks too, so past <see cref="PageWalkOnsetBytes"/> the curve's excess
    /// is the walks' share, and inside it a table's pages stay in the TLB and no walk is charged. Without it, today's
    /// fixed point: <see cref="MemoryPlateauNs"/>, whatever the footprint. Null when neither is known.
    /// </summary>
    /// <param name="footprintBytes">The structure's size in bytes.</param>
    public double? MemoryServedLoadNs(double footprintBytes) =>
        _memoryLatencyNs is { } walkFreeNs ? Math.Max(walkFreeNs, LoadNs(footprintBytes)) : MemoryPlateauNs;

    /// <summary>A copy of this profile with its machine description replaced (e.g. without its L2 size, to price as older models did).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="machine"/> is null.</exception>
    public HardwareProfile WithMachine(MachineDescription machine) =>
        Copy(machine ?? throw new ArgumentNullException(nameof(machine)), AllClasses.ToDictionary(c => c, c => _costs[(int)c]));

    /// <summary>
    /// The extra cost of cold loads, <c>Σ counts[i] · <see cref="ColdLoadNs"/>(footprints[i]) + l2Loads · <see cref="L2HitNs"/></c>,
    /// summed in order from 0: how <see cref="Price(BlockCounts)"/> and Pix's model evaluator both price a block's
    /// cold loads, so they agree to the last bit. With no loads served by L2 it adds exactly nothing to the sum, so a
    /// block without them prices as before they were counted.
    /// </summary>
    /// <param name="footprints">Each structure's size in bytes, parallel to <paramref name="counts"/>.</param>
    /// <param name="counts">How many of the block's loads are cold in each structure.</param>
    /// <param name="l2Loads">How many of the block's loads missed L1 and were served by L2 (<see cref="BlockCounts.L2Loads"/>).</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public double PriceColdLoads(ReadOnlySpan<double> footprints, ReadOnlySpan<double> counts, double l2Loads)
    {
        double ns = PriceColdLoads(footprints, counts);
        return l2Loads == 0 ? ns : ns + (l2Loads * L2HitNs);
    }

    /// <summary>
    /// The extra cost of cold loads with those served by memory:
    /// <see cref="PriceColdLoads(ReadOnlySpan{double}, ReadOnlySpan{double}, double)"/> plus
    /// <c>Σ memoryCounts[i] · <see cref="MemoryLoadNs"/>(memoryFootprints[i])</c>, summed in order: how
    /// <see cref="Price(BlockCounts)"/> and Pix's model evaluator both price a block's cold loads, so they agree to the
    /// last bit. A block without loads served by memory adds exactly nothing more, so it prices as before they were counted.
    /// </summary>
    /// <param name="footprints">Each structure's size in bytes, parallel to <paramref name="counts"/>.</param>
    /// <param name="counts">How many of the block's loads are cold in each structure.</param>
    /// <param name="l2Loads">How many of the block's loads missed L1 and were served by L2.</param>
    /// <param name="memoryFootprints">Each structure's size in bytes, parallel to <paramref name="memoryCounts"/>.</param>
    /// <param name="memoryCounts">How many of the block's loads in each structure memory served (<see cref="BlockCounts.MemoryLoadCounts"/>).</param>
    /// <exception cref="ArgumentException">Parallel spans differ in length.</exception>
    public double PriceColdLoads(ReadOnlySpan<double> footprints, ReadOnlySpan<double> counts, double l2Loads, ReadOnlySpan<double> memoryFootprints, ReadOnlySpan<double> memoryCounts)
    {
        double ns = PriceColdLoads(footprints, counts, l2Loads);
        if (memoryFootprints.Length != memoryCounts.Length)
        {
            throw new ArgumentException("Each footprint of loads served by memory needs exactly one count.");
        }

        for (int i = 0; i < memoryFootprints.Length; i++)
        {
            ns += memoryCounts[i] * MemoryLoadNs(memoryFootprints[i]);
        }

        return ns;
    }

    /// <summary>
    /// The extra cost of cold loads, <c>Σ counts[i] · <see cref="ColdLoadNs"/>(footprints[i])</c>, summed in
    /// order from 0 (<see cref="PriceColdLoads(ReadOnlySpan{double}, ReadOnlySpan{double}, double)"/> without loads served by L2).
    /// </summary>
    /// <param name="footprints">Each structure's size in bytes, parallel to <paramref name="counts"/>.</param>
    /// <param name="counts">How many of the block's loads are cold in each structure.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public double PriceColdLoads(ReadOnlySpan<double> footprints, ReadOnlySpan<double> counts)
    {
        if (footprints.Length != counts.Length)
        {
            throw new ArgumentException("Each cold-load footprint needs exactly one count.");
        }

        double ns = 0;
        for (int i = 0; i < footprints.Length; i++)
        {
            ns += counts[i] * ColdLoadNs(footprints[i]);
        }

        return ns;
    }
}
