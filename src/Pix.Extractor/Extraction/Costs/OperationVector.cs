using System;
using System.Collections.Generic;
using Pix.Model;

namespace Pix.Extraction.Costs;

/// <summary>
/// A mutable count per <see cref="OperationClass"/>, the extractor's scratch form of a block, with
/// the two issue refinements of <see cref="Model.BlockSummary"/>: loads folded into their consumer
/// and taken branches. Those ride along with the counts (added, scaled, inlined from callees) but
/// are not operations: they take no latency and do not decide which path is longer.
/// </summary>
internal sealed class OperationVector
{
    private static readonly int ClassCount = HardwareProfile.AllClasses.Count;

    // Null while every count is zero: most vectors made (a fresh path's cost, a value's dependency paths
    // from its origin, a path's longest chain before it has one) stay empty, and the array was the
    // analysis's largest allocation (docs/robustness.md, "Eleventh session: the own analysis made cheaper").
    private double[]? _counts;

    // True while _counts may also be another vector's: a clone shares its source's counts, and a vector added
    // into an empty one lends them (a fork clones every path's cost, an empty path takes the first operations
    // emitted, a callee's counts join a fresh cost), and most of those are never written again. The first
    // write copies (Counts), so each vector still reads as its own. Set on both sides; a side that copied
    // leaves the other's flag set, which costs that one a copy it may not have needed, never a wrong count.
    private bool _countsShared;

    // ReferenceLatency, kept until a count changes: OperationVector.Longer compares the same vectors again
    // and again (every value computed, every arm merged). NaN: not computed since the last change.
    private double _referenceLatency = double.NaN;

    public double this[OperationClass operation] => _counts is null ? 0 : _counts[(int)operation];

    /// <summary>How many of the counted loads are folded into the instruction that uses them.</summary>
    public double FoldedLoads { get; private set; }

    /// <summary>Taken branches (a loop iteration's back-edge).</summary>
    public double TakenBranches { get; private set; }

    public bool IsEmpty
    {
        get
        {
            if (FoldedLoads != 0 || TakenBranches != 0)
            {
                return false;
            }

            if (_counts is null)
            {
                return true;
            }

            foreach (double c in _counts)
            {
                if (c != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public static OperationVector Of(params (OperationClass Class, double Count)[] counts)
    {
        var v = new OperationVector();
        foreach (var (c, n) in counts)
        {
            v.Add(c, n);
        }

        return v;
    }

    public OperationVector Add(OperationClass operation, double count = 1)
    {
        Counts()[(int)operation] += count;
        return this;
    }

    public OperationVector Add(OperationVector other, double factor = 1)
    {
        if (_counts is null && other._counts is not null && factor == 1)
        {
            // Zeros plus the other's counts times one are the other's counts (a count is never -0: every count
            // starts at +0 and only sums are written), so the array is lent instead of copied.
            _counts = other._counts;
            _countsShared = other._countsShared = true;
            _referenceLatency = other._referenceLatency;
            FoldedLoads += other.FoldedLoads;
            TakenBranches += other.TakenBranches;
            return this;
        }

        // Zeros times a finite factor change no count: an empty other's counts are skipped (0 × ∞ is NaN, so not then).
        double[]? otherCounts = other._counts ?? (double.IsNaN(factor) || double.IsInfinity(factor) ? new double[ClassCount] : null);
        if (otherCounts is not null)
        {
            double[] counts = Counts();
            for (int i = 0; i < ClassCount; i++)
            {
                counts[i] += otherCounts[i] * factor;
            }
        }

        FoldedLoads += other.FoldedLoads * factor;
        TakenBranches += other.TakenBranches * factor;
        return this;
    }

    /// <summary>Marks <paramref name="count"/> of the loads as folded into their consumer (see <see cref="FoldedLoads"/>).</summary>
    public OperationVector AddFoldedLoads(double count)
    {
        FoldedLoads += count;
        return this;
    }

    /// <summary>Adds <paramref name="count"/> taken branches (see <see cref="TakenBranches"/>).</summary>
    public OperationVector AddTakenBranches(double count)
    {
        TakenBranches += count;
        return this;
    }

    /// <summary>A vector with the same counts, written apart from this one (it lends its counts until either is written).</summary>
    public OperationVector Clone() => new OperationVector().Add(this);

    /// <summary>Latency of the operations in sequence on the reference profile: how dependency paths are compared.</summary>
    public double ReferenceLatency()
    {
        if (double.IsNaN(_referenceLatency))
        {
            _referenceLatency = ComputeReferenceLatency();
        }

        return _referenceLatency;
    }

    private double ComputeReferenceLatency()
    {
        HardwareProfile hw = HardwareProfile.Reference;
        double ns = 0;
        if (_counts is null)
        {
            return ns;
        }

        for (int i = 0; i < ClassCount; i++)
        {
            ns += _counts[i] * hw.LatencyNs((OperationClass)i);
        }

        return ns;
    }

    /// <summary>The counts, to be written: allocated on the first write, and the kept latency forgotten.</summary>
    private double[] Counts()
    {
        _referenceLatency = double.NaN;
        if (_countsShared)
        {
            _counts = (double[])_counts!.Clone();
            _countsShared = false;
        }

        return _counts ??= new double[ClassCount];
    }

    /// <summary>Throughput price of the operations on the reference profile.</summary>
    public double ReferenceThroughput()
    {
        HardwareProfile hw = HardwareProfile.Reference;
        double ns = 0;
        if (_counts is null)
        {
            return ns;
        }

        for (int i = 0; i < ClassCount; i++)
        {
            ns += _counts[i] * hw.ThroughputNs((OperationClass)i);
        }

        return ns;
    }

    /// <summary>
    /// <see cref="HardwareProfile.PriceBlock(System.ReadOnlySpan{double}, System.ReadOnlySpan{double}, double, double)"/> on the reference profile for these operations without a
    /// chain: exactly what a block of them would price at.
    /// </summary>
    public double ReferenceBlockPrice() => HardwareProfile.Reference.PriceBlock(_counts ?? Array.Empty<double>(), ReadOnlySpan<double>.Empty, FoldedLoads, TakenBranches);

    public IEnumerable<OperationCount> ToCounts()
    {
        if (_counts is null)
        {
            yield break;
        }

        for (int i = 0; i < ClassCount; i++)
        {
            if (_counts[i] != 0)
            {
                yield return new OperationCount((OperationClass)i, _counts[i]);
            }
        }
    }

    /// <summary>The longer (by reference latency) of two paths; ties keep <paramref name="a"/>.</summary>
    public static OperationVector Longer(OperationVector a, OperationVector b) =>
        b.ReferenceLatency() > a.ReferenceLatency() ? b : a;

    public override string ToString() => string.Join(", ", ToCounts());
}
