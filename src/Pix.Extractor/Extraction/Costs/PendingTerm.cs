using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Costs;

/// <summary>
/// A term under construction: a block executed <see cref="Count"/> times, where the count is still
/// a polynomial that may read loop variables of the loops around it (closed when they are).
/// </summary>
internal sealed record PendingTerm(BlockSummary Block, Poly Count, Provenance Origin, string Description)
{
    /// <summary>
    /// True for a term whose count is already the total over one call of the method (a branch arm
    /// counted by its PCV inside a loop): the loops around it leave it as it is. A caller that
    /// substitutes the term makes a new one, which its own loops do multiply.
    /// </summary>
    public bool CountsWholeCall { get; init; }

    public PendingTerm WithCount(Func<Poly, Poly> transform) => this with { Count = transform(Count) };

    /// <summary>Builds a block from scratch counts (the chain's counts only: folding does not shorten a dependency).</summary>
    public static BlockSummary CreateBlock(OperationVector operations, OperationVector? chain, IReadOnlyDictionary<string, double>? opaque) =>
        BlockSummary.Create(
            operations.ToCounts(),
            chain?.ToCounts(),
            opaque?.Select(o => new OpaqueCall(o.Key, o.Value)),
            operations.FoldedLoads,
            operations.TakenBranches);
}
