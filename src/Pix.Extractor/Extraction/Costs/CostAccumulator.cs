using System;
using System.Collections.Generic;
using Pix.Extraction.Symbolic;

namespace Pix.Extraction.Costs;

/// <summary>
/// The cost of one path through a region: operations of the region's own straight-line code (one
/// execution), opaque calls made there, and nested terms (loops, calls) with their counts.
/// </summary>
internal sealed class CostAccumulator
{
    public CostAccumulator()
        : this(new OperationVector(), new SortedDictionary<string, double>(StringComparer.Ordinal), new List<PendingTerm>(), new OperationVector())
    {
    }

    // Every fork of a path clones its cost: the parts are made once, not made empty and replaced.
    private CostAccumulator(OperationVector operations, SortedDictionary<string, double> opaque, List<PendingTerm> terms, OperationVector longestPath)
    {
        Operations = operations;
        Opaque = opaque;
        Terms = terms;
        LongestPath = longestPath;
    }

    public OperationVector Operations { get; }

    public SortedDictionary<string, double> Opaque { get; }

    public List<PendingTerm> Terms { get; }

    /// <summary>The longest dependency path through this path's straight-line code: its chain.</summary>
    public OperationVector LongestPath { get; private set; }

    public bool IsEmpty => Operations.IsEmpty && Opaque.Count == 0 && Terms.Count == 0;

    public CostAccumulator Clone() => new(
        Operations.Clone(),
        new SortedDictionary<string, double>(Opaque, StringComparer.Ordinal),
        new List<PendingTerm>(Terms),
        LongestPath);

    public void ObserveLongest(OperationVector path) => LongestPath = OperationVector.Longer(LongestPath, path);

    public void AddOpaque(string name, double count = 1) =>
        Opaque[name] = Opaque.TryGetValue(name, out double existing) ? existing + count : count;

    /// <summary>Adds everything of <paramref name="other"/> (a path that runs after this one).</summary>
    public void Append(CostAccumulator other)
    {
        Operations.Add(other.Operations);
        foreach (var entry in other.Opaque)
        {
            AddOpaque(entry.Key, entry.Value);
        }

        Terms.AddRange(other.Terms);
        ObserveLongest(other.LongestPath);
    }

    /// <summary>
    /// Price on the reference profile when every atom is <paramref name="sample"/>: how alternatives
    /// (data-dependent arms, exploding path sets) are compared when only the costlier is kept.
    /// </summary>
    public double SamplePrice(double sample)
    {
        // The price of PendingTerm.CreateBlock(Operations, null, Opaque) on the reference profile, summed
        // in the same order, without building the block: this runs for every alternative compared.
        HardwareProfile reference = HardwareProfile.Reference;
        double ns = Operations.ReferenceBlockPrice();
        foreach (var opaque in Opaque)
        {
            if (opaque.Value != 0)
            {
                ns += opaque.Value * reference.OpaqueNs(opaque.Key);
            }
        }

        foreach (PendingTerm term in Terms)
        {
            ns += Math.Max(0, term.Count.Evaluate(_ => sample)) * term.Block.Price(HardwareProfile.Reference);
        }

        return ns;
    }
}
