using System;

namespace Pix;

// Cold loads: the loads of one call into a structure larger than L1 that miss every cache level smaller
// than the structure (PixHint.ColdLoads). How many miss is a property of the traffic (how long ago the entry was last
// touched), not of the code or of the array's allocated size, so the interface takes the count as a
// PCV; what each miss costs is the machine's, read from the memory-level curve at the structure's size.
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
    /// The extra cost of cold loads, <c>Σ counts[i] · <see cref="ColdLoadNs"/>(footprints[i])</c>, summed in
    /// order from 0: how <see cref="Price(BlockCounts)"/> and Pix's model evaluator both price a block's
    /// cold loads, so they agree to the last bit.
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
