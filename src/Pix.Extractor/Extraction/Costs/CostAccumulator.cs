using System;
using System.Collections.Generic;
using Pix.Extraction.Symbolic;

namespace Pix.Extraction.Costs;

/// <summary>
/// The cost of one path through a region: operations of the region's own straight-line code (one
/// execution), opaque calls made there, and nested terms (loops, calls) with their counts; beside it,
/// the <see cref="Slack"/> of the branches on data whose costlier arm it kept (BranchSlack.cs).
/// </summary>
internal sealed class CostAccumulator
{
    // A fresh cost's opaque calls (none: shared, so the first call added copies) and longest path (a path is never
    // written: ObserveLongest replaces it by the longer of two, as flows' paths are never written once built). Most
    // costs made (a callee's alternative at each call, each arm walked apart) never add an opaque call.
    private static readonly OpaqueCounts NoOpaque = new();
    private static readonly OperationVector NoPath = new();

    public CostAccumulator()
        : this(new OperationVector(), NoOpaque, new List<PendingTerm>(), NoPath)
    {
        _opaqueShared = true;
    }

    // Every fork of a path clones its cost: the parts are made once, not made empty and replaced.
    private CostAccumulator(OperationVector operations, OpaqueCounts opaque, List<PendingTerm> terms, OperationVector longestPath)
    {
        Operations = operations;
        _opaque = opaque;
        Terms = terms;
        LongestPath = longestPath;
    }

    public OperationVector Operations { get; }

    /// <summary>Opaque calls by name and count. Read it; add through <see cref="AddOpaque"/> (it may be shared with a clone).</summary>
    public OpaqueCounts Opaque => _opaque;

    // Shared with clones until one of them adds an opaque call (most forks add none, most paths have none): copied on that write.
    private OpaqueCounts _opaque;
    private bool _opaqueShared;

    public List<PendingTerm> Terms { get; }

    /// <summary>The longest dependency path through this path's straight-line code: its chain.</summary>
    public OperationVector LongestPath { get; private set; }

    public bool IsEmpty => Operations.IsEmpty && Opaque.Count == 0 && Terms.Count == 0;

    /// <summary>
    /// How much more this path can cost than the same path through the cheaper arms of the branches on data
    /// it priced at their costlier arm: terms, counted as the path's own terms are (loops multiply them,
    /// callers substitute them), but never part of its price (<see cref="SamplePrice"/>). Null while there
    /// are none: most paths meet no such branch, and each fork of a path clones its cost.
    /// </summary>
    public IReadOnlyList<PendingTerm>? Slack => _slack;

    // Shared with clones until one of them adds to it (most forks of a path add none): copied on that write.
    private List<PendingTerm>? _slack;
    private bool _slackShared;

    public CostAccumulator Clone()
    {
        var clone = new CostAccumulator(
            Operations.Clone(),
            _opaque,
            new List<PendingTerm>(Terms),
            LongestPath);
        clone._opaqueShared = _opaqueShared = true;
        if (_slack is not null)
        {
            clone._slack = _slack;
            clone._slackShared = _slackShared = true;
        }

        return clone;
    }

    /// <summary>
    /// Adds <paramref name="slack"/> to <see cref="Slack"/>. An unbounded slack (<see cref="BranchSlack.UnboundedBlock"/>)
    /// is all a path's slack then says: it replaces the others, and nothing is added after it.
    /// </summary>
    public void AddSlack(PendingTerm slack)
    {
        if (_slack is { Count: 1 } only && BranchSlack.IsUnbounded(only[0]))
        {
            return;
        }

        if (BranchSlack.IsUnbounded(slack))
        {
            _slack = new List<PendingTerm>(1) { slack };
            _slackShared = false;
            return;
        }

        if (_slack is null || _slackShared)
        {
            _slack = _slack is null ? new List<PendingTerm>() : new List<PendingTerm>(_slack);
            _slackShared = false;
        }

        _slack.Add(slack);
    }

    /// <summary>
    /// Adds the slack of <paramref name="other"/>, each term through <paramref name="transform"/>: what a loop,
    /// a callee substitution or a recursion does to the other's terms when it makes them this one's.
    /// </summary>
    public void AddSlackOf(CostAccumulator other, Func<PendingTerm, PendingTerm> transform)
    {
        if (other.Slack is null)
        {
            return;
        }

        foreach (PendingTerm term in other.Slack)
        {
            AddSlack(transform(term));
        }
    }

    public void ObserveLongest(OperationVector path) => LongestPath = OperationVector.Longer(LongestPath, path);

    public void AddOpaque(string name, double count = 1)
    {
        if (_opaqueShared)
        {
            _opaque = _opaque.Copy();
            _opaqueShared = false;
        }

        _opaque.Add(name, count);
    }

    /// <summary>Adds the opaque calls of <paramref name="other"/> to this path's.</summary>
    public void AddOpaqueOf(CostAccumulator other)
    {
        if (other._opaque.Count == 0)
        {
            return;
        }

        if (_opaque.Count == 0)
        {
            // Nothing to add to: the other's calls as they are, shared until one of the two adds one (as a clone
            // shares them). Adding each into an empty dictionary made the same entries, a tree node apiece.
            _opaque = other._opaque;
            _opaqueShared = other._opaqueShared = true;
            return;
        }

        foreach (var entry in other._opaque)
        {
            AddOpaque(entry.Key, entry.Value);
        }
    }

    /// <summary>Adds everything of <paramref name="other"/> (a path that runs after this one).</summary>
    public void Append(CostAccumulator other)
    {
        Operations.Add(other.Operations);
        AddOpaqueOf(other);
        Terms.AddRange(other.Terms);
        ObserveLongest(other.LongestPath);
        AddSlackOf(other, static slack => slack);
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
        if (Opaque.Count > 0)
        {
            foreach (var opaque in Opaque)
            {
                if (opaque.Value != 0)
                {
                    ns += opaque.Value * reference.OpaqueNs(opaque.Key);
                }
            }
        }

        foreach (PendingTerm term in Terms)
        {
            ns += Math.Max(0, term.Count.Evaluate(_ => sample)) * term.Block.Price(HardwareProfile.Reference);
        }

        return ns;
    }
}
