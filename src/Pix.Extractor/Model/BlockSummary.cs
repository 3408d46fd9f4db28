using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Model;

/// <summary>A count of one abstract operation class.</summary>
public readonly record struct OperationCount(OperationClass Class, double Count);

/// <summary>A call Pix could not see into, priced by name by the profile (<see cref="HardwareProfile.OpaqueNs"/>).</summary>
public readonly record struct OpaqueCall(string Name, double Count);

/// <summary>
/// Loads that miss every cache level smaller than a structure of <see cref="FootprintBytes"/> bytes
/// (a <c>PixHint.ColdLoads</c> hint), priced at <see cref="HardwareProfile.ColdLoadNs"/> each on top of
/// the <see cref="OperationClass.Load"/> they are already counted as.
/// </summary>
public readonly record struct ColdLoad(double FootprintBytes, double Count);

/// <summary>
/// The abstract operations of one straight-line region (or of one iteration of a loop body),
/// counted by class. For a loop body, <see cref="Chain"/> also counts the operations on its
/// loop-carried dependency chain, so that a profile can price an iteration by latency or by
/// throughput, whichever binds: <c>max(Σ ops·throughput, Σ chain·latency) + Σ opaque</c>.
/// </summary>
/// <remarks>
/// Entries are kept sorted by class (and opaque calls by name) so equal blocks compare equal.
/// <see cref="FoldedLoads"/> and <see cref="TakenBranches"/> refine the issue bound of the throughput
/// side (see <see cref="HardwareProfile.PriceBlock(ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, double, double)"/>);
/// they are 0 in blocks built before they existed (old baselines), which prices as it did then.
/// </remarks>
public sealed record BlockSummary(
    EquatableArray<OperationCount> Operations,
    EquatableArray<OperationCount> Chain,
    EquatableArray<OpaqueCall> Opaque)
{
    /// <summary>
    /// How many of the block's <see cref="OperationClass.Load"/> operations are a memory operand of the
    /// arithmetic or compare that uses them (<c>cmp eax, [rcx+8]</c>): they take no issue slot of their own.
    /// </summary>
    public double FoldedLoads { get; init; }

    /// <summary>Taken branches per execution: 1 for one iteration of a loop body (its back-edge), else 0.</summary>
    public double TakenBranches { get; init; }

    /// <summary>
    /// Cold loads (they miss every cache level smaller than the structure they load from), by the
    /// structure's size, sorted by size (empty in blocks built
    /// before they existed, and in every block but a <c>PixHint.ColdLoads</c> term's).
    /// </summary>
    public EquatableArray<ColdLoad> ColdLoads { get; init; }

    /// <summary>
    /// Loads that missed L1 and were served by L2 (a <c>PixHint.ColdLoads</c> hint's <c>{name}FromL2</c> term), priced at
    /// <see cref="HardwareProfile.L2HitNs"/> each on top of the <see cref="OperationClass.Load"/> they are already counted
    /// as; 0 in blocks built before they were counted (old baselines), which prices as it did then.
    /// </summary>
    public double L2Loads { get; init; }

    /// <summary>
    /// Of the block's cold loads, those memory served (a <c>PixHint.ColdLoads</c> hint's <c>{name}FromMemory</c> term), by
    /// the structure's size, sorted by size: priced at <see cref="HardwareProfile.MemoryLoadNs"/> each on top of the load
    /// and the cold load they are already counted as; empty in blocks built before they were counted (old baselines).
    /// </summary>
    public EquatableArray<ColdLoad> MemoryLoads { get; init; }

    /// <summary>A block that does nothing.</summary>
    public static BlockSummary Empty { get; } = new(default, default, default);

    /// <summary>True when the block counts nothing.</summary>
    public bool IsEmpty => Operations.IsEmpty && Chain.IsEmpty && Opaque.IsEmpty && ColdLoads.IsEmpty && L2Loads == 0 && MemoryLoads.IsEmpty;

    /// <summary>Creates a block from unsorted counts (merged by class, zeros dropped, sorted).</summary>
    public static BlockSummary Create(
        IEnumerable<OperationCount> operations,
        IEnumerable<OperationCount>? chain = null,
        IEnumerable<OpaqueCall>? opaque = null,
        double foldedLoads = 0,
        double takenBranches = 0,
        IEnumerable<ColdLoad>? coldLoads = null,
        double l2Loads = 0,
        IEnumerable<ColdLoad>? memoryLoads = null) =>
        new(Normalize(operations), Normalize(chain ?? Array.Empty<OperationCount>()), Normalize(opaque ?? Array.Empty<OpaqueCall>()))
        {
            FoldedLoads = foldedLoads,
            TakenBranches = takenBranches,
            ColdLoads = Normalize(coldLoads ?? Array.Empty<ColdLoad>()),
            L2Loads = l2Loads,
            MemoryLoads = Normalize(memoryLoads ?? Array.Empty<ColdLoad>()),
        };

    /// <summary>The count of <paramref name="operation"/> (0 if absent).</summary>
    public double CountOf(OperationClass operation)
    {
        foreach (OperationCount count in Operations)
        {
            if (count.Class == operation)
            {
                return count.Count;
            }
        }

        return 0;
    }

    /// <summary>The sum of two blocks executed one after the other (chains add: they run in sequence).</summary>
    public BlockSummary Plus(BlockSummary other) =>
        Create(
            Operations.Concat(other.Operations),
            Chain.Concat(other.Chain),
            Opaque.Concat(other.Opaque),
            FoldedLoads + other.FoldedLoads,
            TakenBranches + other.TakenBranches,
            ColdLoads.Concat(other.ColdLoads),
            L2Loads + other.L2Loads,
            MemoryLoads.Concat(other.MemoryLoads));

    /// <summary>This block repeated <paramref name="factor"/> times (a constant multiple).</summary>
    public BlockSummary Times(double factor) =>
        Create(
            Operations.Select(c => c with { Count = c.Count * factor }),
            Chain.Select(c => c with { Count = c.Count * factor }),
            Opaque.Select(c => c with { Count = c.Count * factor }),
            FoldedLoads * factor,
            TakenBranches * factor,
            ColdLoads.Select(c => c with { Count = c.Count * factor }),
            L2Loads * factor,
            MemoryLoads.Select(c => c with { Count = c.Count * factor }));

    /// <summary>
    /// Prices one execution of the block on <paramref name="hw"/>, in nanoseconds: the runtime's cost model
    /// (<see cref="HardwareProfile.PriceBlock(ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, double, double)"/>)
    /// plus each opaque call, plus its cold loads, loads served by L2 and loads served by memory (<see cref="HardwareProfile.PriceColdLoads(ReadOnlySpan{double}, ReadOnlySpan{double}, double, ReadOnlySpan{double}, ReadOnlySpan{double})"/>), as <see cref="HardwareProfile.Price(BlockCounts)"/> prices a generated table's
    /// entry: generated code and <see cref="ModelEvaluator"/> agree to the last bit.
    /// </summary>
    /// <remarks>
    /// Counts are summed per class first (a block built with the constructor may repeat or misorder
    /// classes), and priced in class order, as the generator writes them.
    /// </remarks>
    public double Price(HardwareProfile hw)
    {
        Span<double> ops = stackalloc double[HardwareProfile.AllClasses.Count];
        Span<double> chain = stackalloc double[HardwareProfile.AllClasses.Count];
        // Over spans: the array's boxed enumerator was an allocation per price, and the extractor prices
        // every term of every path it compares.
        foreach (OperationCount c in Operations.AsSpan())
        {
            ops[(int)c.Class] += c.Count;
        }

        foreach (OperationCount c in Chain.AsSpan())
        {
            chain[(int)c.Class] += c.Count;
        }

        double ns = hw.PriceBlock(ops, chain, FoldedLoads, TakenBranches);
        foreach (OpaqueCall call in Opaque.AsSpan())
        {
            ns += call.Count * hw.OpaqueNs(call.Name);
        }

        if (ColdLoads.IsEmpty && L2Loads == 0 && MemoryLoads.IsEmpty)
        {
            return ns;
        }

        (double[] footprints, double[] counts) = Split(ColdLoads);
        (double[] memoryFootprints, double[] memoryCounts) = Split(MemoryLoads);
        return ns + hw.PriceColdLoads(footprints, counts, L2Loads, memoryFootprints, memoryCounts);
    }

    /// <summary>Loads by structure as the parallel spans <see cref="HardwareProfile.PriceColdLoads(ReadOnlySpan{double}, ReadOnlySpan{double}, double, ReadOnlySpan{double}, ReadOnlySpan{double})"/> takes.</summary>
    private static (double[] Footprints, double[] Counts) Split(EquatableArray<ColdLoad> loads)
    {
        var footprints = new double[loads.Count];
        var counts = new double[loads.Count];
        for (int i = 0; i < footprints.Length; i++)
        {
            (footprints[i], counts[i]) = (loads[i].FootprintBytes, loads[i].Count);
        }

        return (footprints, counts);
    }

    /// <summary>
    /// The counts summed per class (in the order given, from 0, as a group's sum is), the classes whose sum is not 0, in
    /// class order. Into one sum per class rather than grouped: a block is made for every term, substitution and arm, and
    /// the grouping's lookup, groups and enumerators were the most allocated objects of the model's types (`alloc28`).
    /// </summary>
    private static EquatableArray<OperationCount> Normalize(IEnumerable<OperationCount> counts)
    {
        int classes = HardwareProfile.AllClasses.Count;
        Span<double> sums = stackalloc double[classes];
        foreach (OperationCount c in counts)
        {
            if ((uint)c.Class >= (uint)classes)
            {
                return NormalizeByGrouping(counts); // not a class this runtime knows: grouped by its value, as always
            }

            sums[(int)c.Class] += c.Count;
        }

        int kept = 0;
        foreach (double sum in sums)
        {
            kept += sum != 0 ? 1 : 0;
        }

        if (kept == 0)
        {
            return EquatableArray<OperationCount>.TakeOwnership(Array.Empty<OperationCount>());
        }

        var normal = new OperationCount[kept];
        int n = 0;
        for (int k = 0; k < classes; k++)
        {
            if (sums[k] != 0)
            {
                normal[n++] = new OperationCount((OperationClass)k, sums[k]);
            }
        }

        return EquatableArray<OperationCount>.TakeOwnership(normal);
    }

    private static EquatableArray<OperationCount> NormalizeByGrouping(IEnumerable<OperationCount> counts) =>
        counts.GroupBy(c => c.Class)
            .Select(g => new OperationCount(g.Key, g.Sum(c => c.Count)))
            .Where(c => c.Count != 0)
            .OrderBy(c => (int)c.Class)
            .ToEquatableArray();

    private static EquatableArray<ColdLoad> Normalize(IEnumerable<ColdLoad> loads) =>
        NoneIn(loads) ? EquatableArray<ColdLoad>.TakeOwnership(Array.Empty<ColdLoad>()) : loads.GroupBy(c => c.FootprintBytes)
            .Select(g => new ColdLoad(g.Key, g.Sum(c => c.Count)))
            .Where(c => c.Count != 0)
            .OrderBy(c => c.FootprintBytes)
            .ToEquatableArray();

    private static EquatableArray<OpaqueCall> Normalize(IEnumerable<OpaqueCall> calls) =>
        NoneIn(calls) ? EquatableArray<OpaqueCall>.TakeOwnership(Array.Empty<OpaqueCall>()) : calls.GroupBy(c => c.Name, StringComparer.Ordinal)
            .Select(g => new OpaqueCall(g.Key, g.Sum(c => c.Count)))
            .Where(c => c.Count != 0)
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ToEquatableArray();

    // Most blocks have no opaque calls and no cold loads: an empty collection normalises to the empty array the grouping
    // would give, without building the grouping.
    private static bool NoneIn<T>(IEnumerable<T> items) => items is IReadOnlyCollection<T> { Count: 0 };
}
