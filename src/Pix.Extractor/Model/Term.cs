namespace Pix.Model;

/// <summary>
/// One term of a cost: a block of operations executed <see cref="Count"/> times. A loop body's term
/// has the trip count (product of the enclosing loops' counts, or their closed-form sum for
/// dependent nests); straight-line code has count 1.
/// </summary>
/// <param name="Block">What one execution costs.</param>
/// <param name="Count">How many times it executes, over the interface's quantities.</param>
/// <param name="Origin">The source region the term summarises.</param>
/// <param name="Description">One line for people ("loop over data.Length").</param>
public sealed record Term(BlockSummary Block, Expr Count, Provenance Origin, string Description);
