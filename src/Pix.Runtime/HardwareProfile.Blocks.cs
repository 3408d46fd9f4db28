using System;

namespace Pix;

public sealed partial class HardwareProfile
{
    /// <summary>
    /// Prices one execution of <paramref name="block"/>, in nanoseconds: the cost model of
    /// <see cref="PriceBlock(ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, ReadOnlySpan{OperationClass}, ReadOnlySpan{double})"/>
    /// plus <c>count × <see cref="OpaqueNs"/>(name)</c> for each opaque call, added in order. Generated
    /// <c>LatencyOf_X</c> methods price every term with this; it allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="block"/> is null.</exception>
    public double Price(BlockCounts block)
    {
        if (block is null)
        {
            throw new ArgumentNullException(nameof(block));
        }

        double ns = PriceBlock(block.Classes, block.Counts, block.ChainClasses, block.ChainCounts);
        ReadOnlySpan<string> opaqueNames = block.OpaqueNames;
        ReadOnlySpan<double> opaqueCounts = block.OpaqueCounts;
        for (int i = 0; i < opaqueNames.Length; i++)
        {
            ns += opaqueCounts[i] * OpaqueNs(opaqueNames[i]);
        }

        return ns;
    }

    /// <summary>
    /// The cost model, in one place: one execution of a block costs
    /// <c>max(Σ count·throughput[class], Σ chainCount·latency[class])</c>, each sum added in the order
    /// given (class order), starting from 0. Generated code (through <see cref="Price(BlockCounts)"/>)
    /// and Pix's model evaluator both price blocks here, so they agree to the last bit, and a change of
    /// the model (port-aware throughput, say) is one edit.
    /// </summary>
    /// <param name="classes">The classes counted, parallel to <paramref name="counts"/>.</param>
    /// <param name="counts">How many operations of each class one execution runs.</param>
    /// <param name="chainClasses">The classes on the loop-carried dependency chain, parallel to <paramref name="chainCounts"/>.</param>
    /// <param name="chainCounts">How many operations of each class the chain holds per iteration.</param>
    /// <exception cref="ArgumentException">A list and its counts differ in length.</exception>
    public double PriceBlock(
        ReadOnlySpan<OperationClass> classes,
        ReadOnlySpan<double> counts,
        ReadOnlySpan<OperationClass> chainClasses,
        ReadOnlySpan<double> chainCounts)
    {
        if (classes.Length != counts.Length || chainClasses.Length != chainCounts.Length)
        {
            throw new ArgumentException("Each list of classes needs exactly one count per class.");
        }

        OperationCost[] costs = _costs;
        double throughputBound = 0;
        for (int i = 0; i < classes.Length; i++)
        {
            throughputBound += counts[i] * costs[(int)classes[i]].Throughput;
        }

        double latencyBound = 0;
        for (int i = 0; i < chainClasses.Length; i++)
        {
            latencyBound += chainCounts[i] * costs[(int)chainClasses[i]].Latency;
        }

        return Math.Max(throughputBound, latencyBound);
    }
}
