using System;

namespace Pix;

public sealed partial class HardwareProfile
{
    /// <summary>
    /// Prices one execution of <paramref name="block"/>, in nanoseconds: the cost model of
    /// <see cref="PriceBlock(ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, ReadOnlySpan{OperationClass}, ReadOnlySpan{double})"/>
    /// plus <c>count × <see cref="OpaqueNs"/>(name)</c> for each opaque call, added in order. Generated
    /// <c>LatencyOf_X</c> methods price every term with this. A block remembers its price on the last few
    /// profiles it was priced on (profiles are immutable), so repeated calls cost a lookup and allocate
    /// nothing; only the first pricing on a profile computes and stores the price.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="block"/> is null.</exception>
    public double Price(BlockCounts block)
    {
        if (block is null)
        {
            throw new ArgumentNullException(nameof(block));
        }

        if (block.TryGetPrice(this, out double known))
        {
            return known;
        }

        double ns = PriceUncached(block);
        block.RememberPrice(this, ns);
        return ns;
    }

    private double PriceUncached(BlockCounts block)
    {
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
    /// The cost model, in one place. One execution of a block costs the larger of its throughput
    /// bound and its latency bound, <c>Σ chainCount·latency[class]</c>. The throughput bound is
    /// <c>Σ count·throughput[class]</c> over the multi-instruction classes (calls, allocations,
    /// per-byte work, type checks) plus, for the single-instruction classes (ALU, multiply, divide,
    /// FP, load, store, bounds check, branch), which run on different ports in parallel, the larger of
    /// <list type="bullet">
    /// <item>the port bound <c>max count·throughput[class]</c> (a divide or FP-heavy loop saturates its unit), and</item>
    /// <item>the issue bound <c>slots·<see cref="IssueSlotNs"/></c>: every such operation takes one issue
    /// slot, except that each <see cref="OperationClass.Branch"/> fuses with one
    /// <see cref="OperationClass.IntegerAlu"/> operation (the compare before it: <c>cmp</c>/<c>jcc</c>
    /// issue as one micro-operation). A bounds check is already one fused compare-and-branch.</item>
    /// </list>
    /// Sums are added in the order given (class order), starting from 0. Generated code (through
    /// <see cref="Price(BlockCounts)"/>) and Pix's model evaluator both price blocks here, so they
    /// agree to the last bit, and a change of the model is one edit.
    /// </summary>
    /// <remarks>
    /// Loads are not folded into the arithmetic that uses them: the JIT folds some (<c>vmulsd xmm2,
    /// xmm0, [mem]</c>) and not others (a read-modify-write, both operands of a subtraction), and the
    /// counts do not say which; docs/accuracy.md compares the rule with Tier-1 listings. Counts are not
    /// validated: a NaN count prices as NaN, and negative counts fuse nothing.
    /// </remarks>
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
        double sequencesNs = 0;
        double portBound = 0;
        double issueSlots = 0;
        double aluOperations = 0;
        double branches = 0;
        for (int i = 0; i < classes.Length; i++)
        {
            OperationClass operation = classes[i];
            double count = counts[i];
            double ns = count * costs[(int)operation].Throughput;
            if (!IsSingleInstruction(operation))
            {
                sequencesNs += ns;
                continue;
            }

            // Math.Max returns NaN when either argument is NaN, so a NaN count still prices as NaN.
            portBound = Math.Max(portBound, ns);
            issueSlots += count;
            if (operation == OperationClass.IntegerAlu)
            {
                aluOperations += count;
            }
            else if (operation == OperationClass.Branch)
            {
                branches += count;
            }
        }

        // Macro-fusion: each branch issues together with one compare, as far as there are ALU operations.
        issueSlots -= Math.Max(0, Math.Min(aluOperations, branches));
        double throughputBound = sequencesNs + Math.Max(portBound, issueSlots * IssueSlotNs);

        double latencyBound = 0;
        for (int i = 0; i < chainClasses.Length; i++)
        {
            latencyBound += chainCounts[i] * costs[(int)chainClasses[i]].Latency;
        }

        return Math.Max(throughputBound, latencyBound);
    }
}
