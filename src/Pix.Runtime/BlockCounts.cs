using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Pix;

/// <summary>
/// What one execution of a block of code counts: operations per <see cref="OperationClass"/>, the
/// operations on its loop-carried dependency chain, how many of its loads fold into their consumer,
/// its taken branches (a loop iteration's back-edge), calls Pix could not see into, and loads that miss the
/// caches in a large structure (<see cref="WithColdLoads"/>). It holds counts,
/// not nanoseconds: <see cref="HardwareProfile.Price(BlockCounts)"/> prices it on a machine.
/// </summary>
/// <remarks>
/// Generated <c>LatencyOf_X</c> methods keep one per term in a static table, written with one named
/// argument per class so the table reads as the counts it holds:
/// <code>BlockCounts.Of(integerAlu: 3, load: 1, branch: 1).WithChain(integerAlu: 1)</code>
/// Each parameter is named after its <see cref="OperationClass"/> member in camelCase. Only the
/// non-zero counts are kept, in class order, so pricing costs a few multiplications, not one per class.
/// Counts are not validated: like the model they come from, a NaN count prices as NaN.
/// Instances are immutable; <c>WithChain</c>, <see cref="WithFoldedLoads"/>, <see cref="WithTakenBranches"/>,
/// <see cref="WithOpaque"/>, <see cref="WithColdLoads"/>, <see cref="WithL2Loads"/> and <see cref="WithMemoryLoads"/> return new ones.
/// </remarks>
public sealed class BlockCounts
{
    private static readonly OperationClass[] NoClasses = new OperationClass[0];
    private static readonly double[] NoCounts = new double[0];
    private static readonly string[] NoNames = new string[0];

    private readonly OperationClass[] _classes;
    private readonly double[] _counts;
    private readonly OperationClass[] _chainClasses;
    private readonly double[] _chainCounts;
    private readonly string[] _opaqueNames;
    private readonly double[] _opaqueCounts;
    private readonly double _foldedLoads;
    private readonly double _takenBranches;
    private readonly double[] _coldLoadFootprints;
    private readonly double[] _coldLoadCounts;
    private readonly double _l2Loads;
    private readonly double[] _memoryLoadFootprints;
    private readonly double[] _memoryLoadCounts;

    // The last few profiles this block was priced on, with the price: see TryGetPrice.
    private readonly PricedOn?[] _priced = new PricedOn?[CachedProfiles];
    private int _nextSlot;

    private BlockCounts(
        OperationClass[] classes,
        double[] counts,
        OperationClass[] chainClasses,
        double[] chainCounts,
        string[] opaqueNames,
        double[] opaqueCounts,
        double foldedLoads = 0,
        double takenBranches = 0,
        double[]? coldLoadFootprints = null,
        double[]? coldLoadCounts = null,
        double l2Loads = 0,
        double[]? memoryLoadFootprints = null,
        double[]? memoryLoadCounts = null)
    {
        _classes = classes;
        _counts = counts;
        _chainClasses = chainClasses;
        _chainCounts = chainCounts;
        _opaqueNames = opaqueNames;
        _opaqueCounts = opaqueCounts;
        _foldedLoads = foldedLoads;
        _takenBranches = takenBranches;
        _coldLoadFootprints = coldLoadFootprints ?? NoCounts;
        _coldLoadCounts = coldLoadCounts ?? NoCounts;
        _l2Loads = l2Loads;
        _memoryLoadFootprints = memoryLoadFootprints ?? NoCounts;
        _memoryLoadCounts = memoryLoadCounts ?? NoCounts;
    }

    /// <summary>
    /// A new block with the given parts replaced and every other part this block's: the one place the builders below
    /// list the fields, so a part added to blocks is carried by all of them. A new instance, so its price cache starts
    /// empty (a block's price depends on every part).
    /// </summary>
    private BlockCounts Copy(
        OperationClass[]? chainClasses = null,
        double[]? chainCounts = null,
        string[]? opaqueNames = null,
        double[]? opaqueCounts = null,
        double? foldedLoads = null,
        double? takenBranches = null,
        double[]? coldLoadFootprints = null,
        double[]? coldLoadCounts = null,
        double? l2Loads = null,
        double[]? memoryLoadFootprints = null,
        double[]? memoryLoadCounts = null) =>
        new(
            _classes,
            _counts,
            chainClasses ?? _chainClasses,
            chainCounts ?? _chainCounts,
            opaqueNames ?? _opaqueNames,
            opaqueCounts ?? _opaqueCounts,
            foldedLoads ?? _foldedLoads,
            takenBranches ?? _takenBranches,
            coldLoadFootprints ?? _coldLoadFootprints,
            coldLoadCounts ?? _coldLoadCounts,
            l2Loads ?? _l2Loads,
            memoryLoadFootprints ?? _memoryLoadFootprints,
            memoryLoadCounts ?? _memoryLoadCounts);

    /// <summary>How many profiles a block remembers its price on (a program rarely prices on more).</summary>
    private const int CachedProfiles = 4;

    /// <summary>A block that counts nothing (it costs 0 ns on every profile).</summary>
    public static BlockCounts Empty { get; } = new(NoClasses, NoCounts, NoClasses, NoCounts, NoNames, NoCounts);

    /// <summary>The classes with a non-zero operation count, in class order (parallel to <see cref="Counts"/>).</summary>
    public ReadOnlySpan<OperationClass> Classes => _classes;

    /// <summary>The non-zero operation counts (parallel to <see cref="Classes"/>).</summary>
    public ReadOnlySpan<double> Counts => _counts;

    /// <summary>The classes with a non-zero count on the loop-carried chain, in class order (parallel to <see cref="ChainCounts"/>).</summary>
    public ReadOnlySpan<OperationClass> ChainClasses => _chainClasses;

    /// <summary>The non-zero counts on the loop-carried chain (parallel to <see cref="ChainClasses"/>).</summary>
    public ReadOnlySpan<double> ChainCounts => _chainCounts;

    /// <summary>The opaque calls' names, in the order they were added (parallel to <see cref="OpaqueCounts"/>).</summary>
    public ReadOnlySpan<string> OpaqueNames => _opaqueNames;

    /// <summary>How many times each opaque call runs (parallel to <see cref="OpaqueNames"/>).</summary>
    public ReadOnlySpan<double> OpaqueCounts => _opaqueCounts;

    /// <summary>How many of the block's loads are folded into the instruction that uses them (they take no issue slot of their own).</summary>
    public double FoldedLoads => _foldedLoads;

    /// <summary>Taken branches per execution: 1 for one iteration of a loop (its back-edge), else 0.</summary>
    public double TakenBranches => _takenBranches;

    /// <summary>
    /// The working sets (bytes) of the structures whose cold loads the block counts, in the order they
    /// were added (parallel to <see cref="ColdLoadCounts"/>); see <see cref="WithColdLoads"/>.
    /// </summary>
    public ReadOnlySpan<double> ColdLoadFootprints => _coldLoadFootprints;

    /// <summary>How many loads are cold in each structure (parallel to <see cref="ColdLoadFootprints"/>).</summary>
    public ReadOnlySpan<double> ColdLoadCounts => _coldLoadCounts;

    /// <summary>
    /// How many loads missed L1 and were served by L2 (a <c>PixHint.ColdLoads</c> hint's <c>{name}FromL2</c> term), priced
    /// at <see cref="HardwareProfile.L2HitNs"/> each; see <see cref="WithL2Loads"/>.
    /// </summary>
    public double L2Loads => _l2Loads;

    /// <summary>
    /// The working sets (bytes) of the structures whose loads served by memory the block counts (a <c>PixHint.ColdLoads</c>
    /// hint's <c>{name}FromMemory</c> term), in the order they were added (parallel to <see cref="MemoryLoadCounts"/>);
    /// see <see cref="WithMemoryLoads"/>.
    /// </summary>
    public ReadOnlySpan<double> MemoryLoadFootprints => _memoryLoadFootprints;

    /// <summary>How many loads memory served in each structure (parallel to <see cref="MemoryLoadFootprints"/>).</summary>
    public ReadOnlySpan<double> MemoryLoadCounts => _memoryLoadCounts;

    /// <summary>A block with these operation counts (per execution; fractions and negatives allowed, zeros dropped).</summary>
    public static BlockCounts Of(
        double integerAlu = 0, double integerMultiply = 0, double integerDivide = 0,
        double floatAdd = 0, double floatMultiply = 0, double floatDivide = 0,
        double load = 0, double store = 0, double boundsCheck = 0, double branch = 0,
        double call = 0, double virtualCall = 0, double interfaceCall = 0, double delegateCall = 0,
        double allocation = 0, double allocatedByte = 0, double copiedByte = 0, double comparedByte = 0,
        double hashedByte = 0, double typeCheck = 0, double branchMiss = 0, double scaledLea = 0, double atomicRmw = 0,
        double libraryCopyCall = 0, double loopExitMiss = 0)
    {
        (OperationClass[] classes, double[] counts) = Sparse(
            integerAlu, integerMultiply, integerDivide, floatAdd, floatMultiply, floatDivide, load, store, boundsCheck, branch,
            call, virtualCall, interfaceCall, delegateCall, allocation, allocatedByte, copiedByte, comparedByte, hashedByte, typeCheck, branchMiss, scaledLea, atomicRmw, libraryCopyCall, loopExitMiss);
        return new BlockCounts(classes, counts, NoClasses, NoCounts, NoNames, NoCounts);
    }

    /// <summary>This block with these counts on its loop-carried dependency chain (replacing any it had).</summary>
    public BlockCounts WithChain(
        double integerAlu = 0, double integerMultiply = 0, double integerDivide = 0,
        double floatAdd = 0, double floatMultiply = 0, double floatDivide = 0,
        double load = 0, double store = 0, double boundsCheck = 0, double branch = 0,
        double call = 0, double virtualCall = 0, double interfaceCall = 0, double delegateCall = 0,
        double allocation = 0, double allocatedByte = 0, double copiedByte = 0, double comparedByte = 0,
        double hashedByte = 0, double typeCheck = 0, double branchMiss = 0, double scaledLea = 0, double atomicRmw = 0,
        double libraryCopyCall = 0, double loopExitMiss = 0)
    {
        (OperationClass[] classes, double[] counts) = Sparse(
            integerAlu, integerMultiply, integerDivide, floatAdd, floatMultiply, floatDivide, load, store, boundsCheck, branch,
            call, virtualCall, interfaceCall, delegateCall, allocation, allocatedByte, copiedByte, comparedByte, hashedByte, typeCheck, branchMiss, scaledLea, atomicRmw, libraryCopyCall, loopExitMiss);
        return Copy(chainClasses: classes, chainCounts: counts);
    }

    // Binary compatibility: code generated against Pix.Runtime before OperationClass.BranchMiss,
    // OperationClass.ScaledLea, OperationClass.AtomicRmw, OperationClass.LibraryCopyCall or OperationClass.LoopExitMiss (a library
    // built with an older Pix) calls these exact signatures. No defaults, so new source binds to the ones above.

    /// <summary>The block of <c>Of</c> without mispredicted loop exits (kept for code generated by earlier versions).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static BlockCounts Of(
        double integerAlu, double integerMultiply, double integerDivide,
        double floatAdd, double floatMultiply, double floatDivide,
        double load, double store, double boundsCheck, double branch,
        double call, double virtualCall, double interfaceCall, double delegateCall,
        double allocation, double allocatedByte, double copiedByte, double comparedByte,
        double hashedByte, double typeCheck, double branchMiss, double scaledLea, double atomicRmw, double libraryCopyCall) =>
        Of(integerAlu, integerMultiply, integerDivide, floatAdd, floatMultiply, floatDivide, load, store, boundsCheck, branch,
            call, virtualCall, interfaceCall, delegateCall, allocation, allocatedByte, copiedByte, comparedByte, hashedByte, typeCheck, branchMiss, scaledLea, atomicRmw, libraryCopyCall, loopExitMiss: 0);

    /// <summary>The chain of <c>WithChain</c> without mispredicted loop exits (kept for code generated by earlier versions).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public BlockCounts WithChain(
        double integerAlu, double integerMultiply, double integerDivide,
        double floatAdd, double floatMultiply, double floatDivide,
        double load, double store, double boundsCheck, double branch,
        double call, double virtualCall, double interfaceCall, double delegateCall,
        double allocation, double allocatedByte, double copiedByte, double comparedByte,
        double hashedByte, double typeCheck, double branchMiss, double scaledLea, double atomicRmw, double libraryCopyCall) =>
        WithChain(integerAlu, integerMultiply, integerDivide, floatAdd, floatMultiply, floatDivide, load, store, boundsCheck, branch,
            call, virtualCall, interfaceCall, delegateCall, allocation, allocatedByte, copiedByte, comparedByte, hashedByte, typeCheck, branchMiss, scaledLea, atomicRmw, libraryCopyCall, loopExitMiss: 0);

    /// <summary>The block of <c>Of</c> without library copy calls (kept for code generated by earlier versions).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static BlockCounts Of(
        double integerAlu, double integerMultiply, double integerDivide,
        double floatAdd, double floatMultiply, double floatDivide,
        double load, double store, double boundsCheck, double branch,
        double call, double virtualCall, double interfaceCall, double delegateCall,
        double allocation, double allocatedByte, double copiedByte, double comparedByte,
        double hashedByte, double typeCheck, double branchMiss, double scaledLea, double atomicRmw) =>
        Of(integerAlu, integerMultiply, integerDivide, floatAdd, floatMultiply, floatDivide, load, store, boundsCheck, branch,
            call, virtualCall, interfaceCall, delegateCall, allocation, allocatedByte, copiedByte, comparedByte, hashedByte, typeCheck, branchMiss, scaledLea, atomicRmw, libraryCopyCall: 0);

    /// <summary>The chain of <c>WithChain</c> without library copy calls (kept for code generated by earlier versions).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public BlockCounts WithChain(
        double integerAlu, double integerMultiply, double integerDivide,
        double floatAdd, double floatMultiply, double floatDivide,
        double load, double store, double boundsCheck, double branch,
        double call, double virtualCall, double interfaceCall, double delegateCall,
        double allocation, double allocatedByte, double copiedByte, double comparedByte,
        double hashedByte, double typeCheck, double branchMiss, double scaledLea, double atomicRmw) =>
        WithChain(integerAlu, integerMultiply, integerDivide, floatAdd, floatMultiply, floatDivide, load, store, boundsCheck, branch,
            call, virtualCall, interfaceCall, delegateCall, allocation, allocatedByte, copiedByte, comparedByte, hashedByte, typeCheck, branchMiss, scaledLea, atomicRmw, libraryCopyCall: 0);

    /// <summary>The block of <c>Of</c> without atomic read-modify-writes (kept for code generated by earlier versions).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static BlockCounts Of(
        double integerAlu, double integerMultiply, double integerDivide,
        double floatAdd, double floatMultiply, double floatDivide,
        double load, double store, double boundsCheck, double branch,
        double call, double virtualCall, double interfaceCall, double delegateCall,
        double allocation, double allocatedByte, double copiedByte, double comparedByte,
        double hashedByte, double typeCheck, double branchMiss, double scaledLea) =>
        Of(integerAlu, integerMultiply, integerDivide, floatAdd, floatMultiply, floatDivide, load, store, boundsCheck, branch,
            call, virtualCall, interfaceCall, delegateCall, allocation, allocatedByte, copiedByte, comparedByte, hashedByte, typeCheck, branchMiss, scaledLea, atomicRmw: 0);

    /// <summary>The chain of <c>WithChain</c> without atomic read-modify-writes (kept for code generated by earlier versions).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public BlockCounts WithChain(
        double integerAlu, double integerMultiply, double integerDivide,
        double floatAdd, double floatMultiply, double floatDivide,
        double load, double store, double boundsCheck, double branch,
        double call, double virtualCall, double interfaceCall, double delegateCall,
        double allocation, double allocatedByte, double copiedByte, double comparedByte,
        double hashedByte, double typeCheck, double branchMiss, double scaledLea) =>
        WithChain(integerAlu, integerMultiply, integerDivide, floatAdd, floatMultiply, floatDivide, load, store, boundsCheck, branch,
            call, virtualCall, interfaceCall, delegateCall, allocation, allocatedByte, copiedByte, comparedByte, hashedByte, typeCheck, branchMiss, scaledLea, atomicRmw: 0);

    /// <summary>The block of <c>Of</c> without scaled <c>lea</c>s (kept for code generated by earlier versions).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static BlockCounts Of(
        double integerAlu, double integerMultiply, double integerDivide,
        double floatAdd, double floatMultiply, double floatDivide,
        double load, double store, double boundsCheck, double branch,
        double call, double virtualCall, double interfaceCall, double delegateCall,
        double allocation, double allocatedByte, double copiedByte, double comparedByte,
        double hashedByte, double typeCheck, double branchMiss) =>
        Of(integerAlu, integerMultiply, integerDivide, floatAdd, floatMultiply, floatDivide, load, store, boundsCheck, branch,
            call, virtualCall, interfaceCall, delegateCall, allocation, allocatedByte, copiedByte, comparedByte, hashedByte, typeCheck, branchMiss, scaledLea: 0, atomicRmw: 0);

    /// <summary>The chain of <c>WithChain</c> without scaled <c>lea</c>s (kept for code generated by earlier versions).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public BlockCounts WithChain(
        double integerAlu, double integerMultiply, double integerDivide,
        double floatAdd, double floatMultiply, double floatDivide,
        double load, double store, double boundsCheck, double branch,
        double call, double virtualCall, double interfaceCall, double delegateCall,
        double allocation, double allocatedByte, double copiedByte, double comparedByte,
        double hashedByte, double typeCheck, double branchMiss) =>
        WithChain(integerAlu, integerMultiply, integerDivide, floatAdd, floatMultiply, floatDivide, load, store, boundsCheck, branch,
            call, virtualCall, interfaceCall, delegateCall, allocation, allocatedByte, copiedByte, comparedByte, hashedByte, typeCheck, branchMiss, scaledLea: 0, atomicRmw: 0);

    /// <summary>The block of <c>Of</c> without mispredicted branches (kept for code generated by earlier versions).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static BlockCounts Of(
        double integerAlu, double integerMultiply, double integerDivide,
        double floatAdd, double floatMultiply, double floatDivide,
        double load, double store, double boundsCheck, double branch,
        double call, double virtualCall, double interfaceCall, double delegateCall,
        double allocation, double allocatedByte, double copiedByte, double comparedByte,
        double hashedByte, double typeCheck) =>
        Of(integerAlu, integerMultiply, integerDivide, floatAdd, floatMultiply, floatDivide, load, store, boundsCheck, branch,
            call, virtualCall, interfaceCall, delegateCall, allocation, allocatedByte, copiedByte, comparedByte, hashedByte, typeCheck, branchMiss: 0, scaledLea: 0, atomicRmw: 0);

    /// <summary>The chain of <c>WithChain</c> without mispredicted branches (kept for code generated by earlier versions).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public BlockCounts WithChain(
        double integerAlu, double integerMultiply, double integerDivide,
        double floatAdd, double floatMultiply, double floatDivide,
        double load, double store, double boundsCheck, double branch,
        double call, double virtualCall, double interfaceCall, double delegateCall,
        double allocation, double allocatedByte, double copiedByte, double comparedByte,
        double hashedByte, double typeCheck) =>
        WithChain(integerAlu, integerMultiply, integerDivide, floatAdd, floatMultiply, floatDivide, load, store, boundsCheck, branch,
            call, virtualCall, interfaceCall, delegateCall, allocation, allocatedByte, copiedByte, comparedByte, hashedByte, typeCheck, branchMiss: 0, scaledLea: 0, atomicRmw: 0);

    /// <summary>This block with <paramref name="count"/> of its loads folded into the instruction that uses them (replacing any count it had).</summary>
    public BlockCounts WithFoldedLoads(double count) =>
        Copy(foldedLoads: count);

    /// <summary>This block with <paramref name="count"/> taken branches per execution (replacing any count it had); a loop iteration has 1.</summary>
    public BlockCounts WithTakenBranches(double count) =>
        Copy(takenBranches: count);

    /// <summary>This block plus <paramref name="count"/> runs of the opaque call <paramref name="name"/>, priced by <see cref="HardwareProfile.OpaqueNs"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public BlockCounts WithOpaque(string name, double count = 1)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        var names = new string[_opaqueNames.Length + 1];
        var counts = new double[_opaqueCounts.Length + 1];
        _opaqueNames.CopyTo(names, 0);
        _opaqueCounts.CopyTo(counts, 0);
        names[names.Length - 1] = name;
        counts[counts.Length - 1] = count;
        return Copy(opaqueNames: names, opaqueCounts: counts);
    }

    /// <summary>
    /// This block plus <paramref name="count"/> cold loads (missing every cache level smaller than the
    /// structure) in a structure of about <paramref name="footprintBytes"/> bytes (a <c>PixHint.ColdLoads</c> hint's term). The loads
    /// themselves are counted as <see cref="OperationClass.Load"/> where the code makes them; this adds
    /// what a miss costs on top, <see cref="HardwareProfile.ColdLoadNs"/> each.
    /// </summary>
    public BlockCounts WithColdLoads(double footprintBytes, double count = 1)
    {
        double[] footprints = Append(_coldLoadFootprints, footprintBytes);
        double[] counts = Append(_coldLoadCounts, count);
        return Copy(coldLoadFootprints: footprints, coldLoadCounts: counts);
    }

    /// <summary>
    /// This block with <paramref name="count"/> loads that missed L1 and were served by L2 (replacing any count it had):
    /// in a structure larger than L2, the loads its cold-load count leaves out. The loads themselves are counted as
    /// <see cref="OperationClass.Load"/> where the code makes them; this adds what being served by L2 costs on top,
    /// <see cref="HardwareProfile.L2HitNs"/> each (0 on a profile that does not know its L2's size).
    /// </summary>
    public BlockCounts WithL2Loads(double count) =>
        Copy(l2Loads: count);

    /// <summary>
    /// This block plus <paramref name="count"/> cold loads in a structure of about <paramref name="footprintBytes"/> bytes
    /// that memory served (they missed every cache level, the L3 too): a <c>PixHint.ColdLoads</c> hint's
    /// <c>{name}FromMemory</c> term. The same loads are already counted as <see cref="OperationClass.Load"/> and as cold
    /// loads in that structure (<see cref="WithColdLoads"/>); this adds what memory costs beyond that,
    /// <see cref="HardwareProfile.MemoryLoadNs"/> each.
    /// </summary>
    public BlockCounts WithMemoryLoads(double footprintBytes, double count = 1) =>
        Copy(memoryLoadFootprints: Append(_memoryLoadFootprints, footprintBytes), memoryLoadCounts: Append(_memoryLoadCounts, count));

    /// <summary>
    /// True, with the price on <paramref name="hw"/>, when this block was priced on it recently. Generated
    /// <c>LatencyOf_X</c> methods sit on hot paths and price the same blocks on the same profile call after
    /// call; profiles are immutable, so a price once computed stays right, and remembering it makes a term
    /// cost a few loads instead of a walk over its counts. Up to four profiles are remembered per block
    /// (a fifth replaces the oldest), so alternating between a few profiles allocates nothing either.
    /// Races are harmless: a slot holds an immutable pair or null, and a missed entry is recomputed.
    /// </summary>
    internal bool TryGetPrice(HardwareProfile hw, out double nanoseconds)
    {
        PricedOn?[] slots = _priced;
        for (int i = 0; i < slots.Length; i++)
        {
            PricedOn? entry = slots[i];
            if (entry is null)
            {
                break;
            }

            if (ReferenceEquals(entry.Profile, hw))
            {
                nanoseconds = entry.Nanoseconds;
                return true;
            }
        }

        nanoseconds = 0;
        return false;
    }

    /// <summary>Remembers the price of this block on <paramref name="hw"/> (see <see cref="TryGetPrice"/>).</summary>
    internal void RememberPrice(HardwareProfile hw, double nanoseconds)
    {
        int slot = _nextSlot;
        _priced[slot] = new PricedOn(hw, nanoseconds);
        _nextSlot = (slot + 1) % CachedProfiles;
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var parts = new List<string>();
        for (int i = 0; i < _classes.Length; i++)
        {
            parts.Add($"{_counts[i]} {_classes[i]}");
        }

        for (int i = 0; i < _chainClasses.Length; i++)
        {
            parts.Add($"chain {_chainCounts[i]} {_chainClasses[i]}");
        }

        if (_foldedLoads != 0)
        {
            parts.Add($"{_foldedLoads} folded loads");
        }

        if (_takenBranches != 0)
        {
            parts.Add($"{_takenBranches} taken branches");
        }

        for (int i = 0; i < _opaqueNames.Length; i++)
        {
            parts.Add($"{_opaqueCounts[i]} × opaque {_opaqueNames[i]}");
        }

        for (int i = 0; i < _coldLoadFootprints.Length; i++)
        {
            parts.Add($"{_coldLoadCounts[i]} cold loads in {_coldLoadFootprints[i]} bytes");
        }

        if (_l2Loads != 0)
        {
            parts.Add($"{_l2Loads} loads served by L2");
        }

        for (int i = 0; i < _memoryLoadFootprints.Length; i++)
        {
            parts.Add($"{_memoryLoadCounts[i]} loads served by memory in {_memoryLoadFootprints[i]} bytes");
        }

        return parts.Count == 0 ? "nothing" : string.Join(", ", parts);
    }

    private sealed class PricedOn
    {
        public PricedOn(HardwareProfile profile, double nanoseconds)
        {
            Profile = profile;
            Nanoseconds = nanoseconds;
        }

        public HardwareProfile Profile { get; }

        public double Nanoseconds { get; }
    }

    private static double[] Append(double[] values, double value)
    {
        var longer = new double[values.Length + 1];
        values.CopyTo(longer, 0);
        longer[values.Length] = value;
        return longer;
    }

    /// <summary>The non-zero entries of a dense list of counts (indexed by class), as parallel arrays.</summary>
    private static (OperationClass[] Classes, double[] Counts) Sparse(params double[] dense)
    {
        int nonZero = 0;
        for (int i = 0; i < dense.Length; i++)
        {
            nonZero += dense[i] != 0 ? 1 : 0;
        }

        if (nonZero == 0)
        {
            return (NoClasses, NoCounts);
        }

        var classes = new OperationClass[nonZero];
        var counts = new double[nonZero];
        for (int i = 0, k = 0; i < dense.Length; i++)
        {
            if (dense[i] != 0)
            {
                classes[k] = (OperationClass)i;
                counts[k++] = dense[i];
            }
        }

        return (classes, counts);
    }
}
