using System;

namespace Pix;

public sealed partial class HardwareProfile
{
    /// <summary>
    /// Prices one execution of <paramref name="block"/>, in nanoseconds: the cost model of
    /// <see cref="PriceBlock(ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, double, double)"/>
    /// plus <c>count × <see cref="OpaqueNs"/>(name)</c> for each opaque call, added in order, plus its cold
    /// loads and its loads served by L2 (<see cref="PriceColdLoads(ReadOnlySpan{double}, ReadOnlySpan{double}, double)"/>). Generated
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
        double ns = PriceBlock(block.Classes, block.Counts, block.ChainClasses, block.ChainCounts, block.FoldedLoads, block.TakenBranches);
        ReadOnlySpan<string> opaqueNames = block.OpaqueNames;
        ReadOnlySpan<double> opaqueCounts = block.OpaqueCounts;
        for (int i = 0; i < opaqueNames.Length; i++)
        {
            ns += opaqueCounts[i] * OpaqueNs(opaqueNames[i]);
        }

        return ns + PriceColdLoads(block.ColdLoadFootprints, block.ColdLoadCounts, block.L2Loads, block.MemoryLoadFootprints, block.MemoryLoadCounts);
    }

    /// <summary>
    /// <see cref="PriceBlock(ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, double, double)"/>
    /// on dense counts: both spans are indexed by <see cref="OperationClass"/>, shorter spans mean zero
    /// for the rest (a zero count adds exactly nothing, so dense and sparse counts price alike).
    /// </summary>
    /// <param name="operations">Operations per class, indexed by class.</param>
    /// <param name="chain">Operations on the loop-carried chain per class, indexed by class.</param>
    /// <param name="foldedLoads">Loads folded into the instruction that uses them.</param>
    /// <param name="takenBranches">Taken branches per execution (1 for a loop iteration).</param>
    public double PriceBlock(ReadOnlySpan<double> operations, ReadOnlySpan<double> chain, double foldedLoads, double takenBranches)
    {
        ReadOnlySpan<OperationClass> classes = DenseClasses;
        int operationCount = Math.Min(operations.Length, classes.Length);
        int chainCount = Math.Min(chain.Length, classes.Length);
        return PriceBlock(
            classes.Slice(0, operationCount),
            operations.Slice(0, operationCount),
            classes.Slice(0, chainCount),
            chain.Slice(0, chainCount),
            foldedLoads,
            takenBranches);
    }

    /// <summary>
    /// <see cref="PriceBlock(ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, double, double)"/>
    /// for a block with no folded loads and no taken branches.
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
        ReadOnlySpan<double> chainCounts) =>
        PriceBlock(classes, counts, chainClasses, chainCounts, foldedLoads: 0, takenBranches: 0);

    /// <summary>
    /// The cost model, in one place. One execution of a block costs the larger of its throughput
    /// bound and its latency bound, <c>Σ chainCount·latency[class]</c>. The throughput bound is
    /// <c>Σ count·throughput[class]</c> over the multi-instruction classes (calls, allocations,
    /// per-byte work, type checks) plus, for the single-instruction classes (ALU, multiply, divide,
    /// FP, load, store, bounds check, branch), which run on different ports in parallel, the larger of
    /// <list type="bullet">
    /// <item>the port bound <c>max count·throughput[class]</c> (a divide or FP-heavy loop saturates its unit), where
    /// <see cref="OperationClass.FloatAdd"/> and <see cref="OperationClass.FloatMultiply"/> count as one unit as far as
    /// they share ports (<see cref="FloatPortSharing"/>): <c>max(A, M) + sharing·min(A, M)</c> of their <c>count·throughput</c>,
    /// the sum on Intel's cores since Skylake (both on ports 0 and 1; an adder on port 5 too since Golden Cove), the
    /// busier kind alone on AMD's Zen (two adders and two multipliers of their own), and</item>
    /// <item>the issue bound <c>slots·<see cref="IssueSlotNs"/></c>: every such operation takes one issue
    /// slot, except that each <see cref="OperationClass.Branch"/> fuses with one
    /// <see cref="OperationClass.IntegerAlu"/> operation (the compare before it: <c>cmp</c>/<c>jcc</c>
    /// issue as one micro-operation), and each folded load (<paramref name="foldedLoads"/>, at most the
    /// block's loads) issues inside the instruction that uses it (<c>cmp eax, [rcx+8]</c>,
    /// <c>vaddsd xmm0, xmm0, [rax]</c>). A bounds check is already one fused <c>cmp</c>/<c>jae</c>.</item>
    /// </list>
    /// The throughput bound is at least <paramref name="takenBranches"/> cycles (<see cref="IssueWidth"/>
    /// slots each): the front end follows at most one taken branch per cycle, so a loop iteration (one
    /// taken back-edge) takes a cycle however few instructions it has.
    /// Mispredicted branches (<see cref="OperationClass.BranchMiss"/>, an expected count) are added to
    /// the throughput bound, at <c>count·throughput[BranchMiss]</c>: a miss throws away the work issued
    /// after the branch and refills the pipeline, time in which the front end delivers nothing. The
    /// loads and arithmetic issued before the branch go on during the refill, so a miss whose condition
    /// is off the chain (the router's direction bit: the address, not the node loaded) overlaps the
    /// chain, and only what the front end's time then exceeds the chain's is paid. A miss whose
    /// condition is on the chain (the extractor puts it in the chain counts: the next step waits for the
    /// branch to resolve, then for the refill) is paid in full, through its latency on the chain
    /// (<c>bench/Pix.BranchOverlap</c>; docs/accuracy.md, "Eleventh session: the router's direction branch").
    /// A mispredicted loop exit (<see cref="OperationClass.LoopExitMiss"/>) is a refill too, priced the same way at its own cost.
    /// A <see cref="OperationClass.ScaledLea"/> is a latency on the chain only: the <c>lea</c> it prices is
    /// counted as one <see cref="OperationClass.IntegerAlu"/> operation for the throughput bound, so a
    /// count of the class outside the chain adds nothing.
    /// Sums are added in the order given (class order), starting from 0. Generated code (through
    /// <see cref="Price(BlockCounts)"/>) and Pix's model evaluator both price blocks here, so they
    /// agree to the last bit, and a change of the model is one edit.
    /// </summary>
    /// <remarks>
    /// A folded load still counts for the load port and, on the chain, at its full latency: folding
    /// saves front-end slots, not the memory access. Which loads fold is the extractor's call (a load
    /// that is a direct operand of arithmetic or a compare, docs/calibration.md); the counts alone cannot
    /// say. Counts are not validated: a NaN count prices as NaN, and negative counts fuse nothing.
    /// </remarks>
    /// <param name="classes">The classes counted, parallel to <paramref name="counts"/>.</param>
    /// <param name="counts">How many operations of each class one execution runs.</param>
    /// <param name="chainClasses">The classes on the loop-carried dependency chain, parallel to <paramref name="chainCounts"/>.</param>
    /// <param name="chainCounts">How many operations of each class the chain holds per iteration.</param>
    /// <param name="foldedLoads">How many of the block's <see cref="OperationClass.Load"/> operations are a memory operand of the instruction using them.</param>
    /// <param name="takenBranches">Taken branches per execution (1 for one iteration of a loop: its back-edge).</param>
    /// <exception cref="ArgumentException">A list and its counts differ in length.</exception>
    public double PriceBlock(
        ReadOnlySpan<OperationClass> classes,
        ReadOnlySpan<double> counts,
        ReadOnlySpan<OperationClass> chainClasses,
        ReadOnlySpan<double> chainCounts,
        double foldedLoads,
        double takenBranches)
    {
        if (classes.Length != counts.Length || chainClasses.Length != chainCounts.Length)
        {
            throw new ArgumentException("Each list of classes needs exactly one count per class.");
        }

        OperationCost[] costs = _costs;
        double sequencesNs = 0;
        double refillNs = 0;
        double portBound = 0;
        double floatAddsNs = 0;
        double floatMultipliesNs = 0;
        double issueSlots = 0;
        double aluOperations = 0;
        double branches = 0;
        double loads = 0;
        for (int i = 0; i < classes.Length; i++)
        {
            OperationClass operation = classes[i];
            double count = counts[i];
            double ns = count * costs[(int)operation].Throughput;
            if (operation is OperationClass.BranchMiss or OperationClass.LoopExitMiss)
            {
                refillNs += ns;
                continue;
            }

            if (operation == OperationClass.ScaledLea)
            {
                // Chain-only: the lea's issue slot and port are its IntegerAlu count. A NaN count still prices as NaN.
                if (double.IsNaN(count))
                {
                    sequencesNs = double.NaN;
                }

                continue;
            }

            if (!IsSingleInstruction(operation))
            {
                sequencesNs += ns;
                continue;
            }

            // Math.Max returns NaN when either argument is NaN, so a NaN count still prices as NaN.
            portBound = Math.Max(portBound, ns);
            if (operation == OperationClass.FloatAdd)
            {
                floatAddsNs += ns;
            }
            else if (operation == OperationClass.FloatMultiply)
            {
                floatMultipliesNs += ns;
            }

            issueSlots += count;
            if (operation == OperationClass.IntegerAlu)
            {
                aluOperations += count;
            }
            else if (operation == OperationClass.Branch)
            {
                branches += count;
            }
            else if (operation == OperationClass.Load)
            {
                loads += count;
            }
        }

        // Macro-fusion: each branch issues together with one compare, as far as there are ALU operations.
        issueSlots -= Math.Max(0, Math.Min(aluOperations, branches));

        // Micro-fusion: a folded load rides in its consumer's slot, as far as the block has loads.
        issueSlots -= Math.Max(0, Math.Min(loads, foldedLoads));

        // Floating-point adds and multiplies compete for ports as far as the profile's FloatPortSharing says:
        // their sum on shared ports (1), the busier kind alone on ports of their own (0).
        portBound = Math.Max(portBound, FloatPortsNs(floatAddsNs, floatMultipliesNs));

        double throughputBound = sequencesNs + Math.Max(portBound, issueSlots * IssueSlotNs);

        // One taken branch per cycle: an iteration never takes less than a cycle (IssueWidth slots).
        throughputBound = Math.Max(throughputBound, takenBranches * _issueWidth * IssueSlotNs);

        double latencyBound = 0;
        for (int i = 0; i < chainClasses.Length; i++)
        {
            latencyBound += chainCounts[i] * costs[(int)chainClasses[i]].Latency;
        }

        // A refill stalls the front end, not the operations already issued: it overlaps the chain
        // (a miss on the chain is in the chain counts too, so it delays the chain as well).
        return Math.Max(throughputBound + refillNs, latencyBound);
    }
}
