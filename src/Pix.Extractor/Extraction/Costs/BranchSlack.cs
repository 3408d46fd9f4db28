using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Costs;

/// <summary>
/// The slack of a branch on data that keeps its costlier arm: terms whose price bounds how much the path can
/// cost more (or less) than the same path through another arm. A path carries them beside its cost
/// (<see cref="CostAccumulator.Slack"/>), so loops, callers and recursion count them as they count its terms;
/// the model's pieces then say whether all of them together stay within a resolution (docs/extractor.md
/// "Branches within the resolution").
/// </summary>
internal static class BranchSlack
{
    private const string Description = "slack of a branch on data";

    /// <summary>
    /// The block of a slack that cannot be bounded (an arm that forks, exits, or is not the costlier at every
    /// sample): one such term anywhere in a model keeps every branch on data a gap. Recognised by reference,
    /// which every transformation of a term keeps (they change its count, never its block).
    /// </summary>
    public static BlockSummary UnboundedBlock { get; } = BlockSummary.Create(
        Array.Empty<OperationCount>(),
        opaque: new[] { new OpaqueCall("unbounded slack of a branch on data", 1) });

    /// <summary>Whether <paramref name="slack"/> is <see cref="Unbounded"/>.</summary>
    public static bool IsUnbounded(PendingTerm slack) => ReferenceEquals(slack.Block, UnboundedBlock);

    /// <summary>A slack term that keeps the branch at <paramref name="site"/> (and every other) a gap.</summary>
    public static PendingTerm Unbounded(Provenance site) => new(UnboundedBlock, Poly.One, site, Description);

    /// <summary>
    /// Terms whose price bounds |cost(path + <paramref name="kept"/>) − cost(path + <paramref name="other"/>)|
    /// for any path the arms are added to. Terms both arms have (same block, same count) cancel; the others
    /// are kept whole. The arms' straight-line code differs by one block: each operation class by the
    /// difference of the counts, the chain by the difference of the arms' chains, opaque calls and taken
    /// branches by theirs. A block's price is the larger of its chain and its throughput, and each of those
    /// changes by at most its price over the differences, except the two things that make the issue bound
    /// less than a slot per operation: a compare fused with its branch and a folded load. Each can change
    /// the slots by one per branch, compare or folded load that differs, so the block counts that many
    /// more integer operations (one slot each).
    /// </summary>
    public static IEnumerable<PendingTerm> Between(CostAccumulator kept, CostAccumulator other, Provenance site)
    {
        yield return new PendingTerm(StraightLineDifference(kept, other), Poly.One, site, Description);
        var unmatched = new List<PendingTerm>(other.Terms);
        foreach (PendingTerm term in kept.Terms)
        {
            int same = unmatched.FindIndex(t => Like(t, term));
            if (same >= 0)
            {
                unmatched.RemoveAt(same);
            }
            else
            {
                yield return term;
            }
        }

        foreach (PendingTerm term in unmatched)
        {
            yield return term;
        }
    }

    private static bool Like(PendingTerm a, PendingTerm b) =>
        a.CountsWholeCall == b.CountsWholeCall && a.Count.Equals(b.Count) && a.Block.Equals(b.Block);

    private static BlockSummary StraightLineDifference(CostAccumulator kept, CostAccumulator other)
    {
        // Built in BlockSummary's normal form (classes in enum order, no zeros) without its LINQ normalisation:
        // this runs at every branch on data an analysis meets.
        OperationVector a = kept.Operations, b = other.Operations;
        double unfusedSlots = Math.Abs(a[OperationClass.Branch] - b[OperationClass.Branch])
            + Math.Abs(a[OperationClass.IntegerAlu] - b[OperationClass.IntegerAlu])
            + Math.Abs(a.FoldedLoads - b.FoldedLoads);
        var operations = new List<OperationCount>();
        var chain = new List<OperationCount>();
        foreach (OperationClass operation in HardwareProfile.AllClasses)
        {
            double count = Math.Abs(a[operation] - b[operation]) + (operation == OperationClass.IntegerAlu ? unfusedSlots : 0);
            if (count != 0)
            {
                operations.Add(new OperationCount(operation, count));
            }

            double chained = Math.Abs(kept.LongestPath[operation] - other.LongestPath[operation]);
            if (chained != 0)
            {
                chain.Add(new OperationCount(operation, chained));
            }
        }

        EquatableArray<OpaqueCall> opaque = kept.Opaque.Count == 0 && other.Opaque.Count == 0
            ? EquatableArray<OpaqueCall>.Empty
            : kept.Opaque.Keys.Union(other.Opaque.Keys, StringComparer.Ordinal)
                .Select(name => new OpaqueCall(name, Math.Abs(Count(kept, name) - Count(other, name))))
                .Where(call => call.Count != 0)
                .OrderBy(call => call.Name, StringComparer.Ordinal)
                .ToEquatableArray();
        return new BlockSummary(operations.ToEquatableArray(), chain.ToEquatableArray(), opaque)
        {
            TakenBranches = Math.Abs(a.TakenBranches - b.TakenBranches),
        };
    }

    private static double Count(CostAccumulator cost, string opaque) => cost.Opaque.TryGetValue(opaque, out double count) ? count : 0;
}
