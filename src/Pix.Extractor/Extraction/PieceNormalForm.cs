using System.Collections.Generic;
using System.Linq;
using Pix.Model;

namespace Pix.Extraction;

/// <summary>
/// The order and grouping of a model's terms, so that its interface reads the way a person would write
/// it: a cost paid at several sites once, as <c>5 * update16</c> rather than five lines of
/// <c>+ update16</c>; and the terms every piece pays first, so that the generated code sums them once
/// (its <c>common</c> local, which can only be a prefix: <see cref="ModelEvaluator"/> adds a piece's
/// terms left to right, and the generated code must give its numbers to the last bit).
/// </summary>
/// <remarks>
/// Terms are "like" when they price the same block the same number of times and say the same thing
/// (block, count and description equal); they differ only in where they come from, and the group keeps
/// the first site's provenance. Both steps are idempotent, and the model is the reference: the
/// evaluator, the generated code and every consumer read the normal form.
/// </remarks>
internal static class PieceNormalForm
{
    [System.ThreadStatic]
    private static int t_runs;

    /// <summary>Tests: how many times <see cref="Of"/> ran on this thread (a model's assembly computes it once).</summary>
    internal static int RunsOnThisThread => t_runs;

    /// <summary>
    /// <paramref name="pieces"/> with like terms grouped in each piece and the terms common to every
    /// piece first (in the first piece's order), the rest of each piece's terms in their order.
    /// </summary>
    public static IReadOnlyList<Piece> Of(IReadOnlyList<Piece> pieces)
    {
        t_runs++;
        List<Piece> grouped = pieces.Select(p => p with { Terms = GroupAllLikeTerms(p.Terms).ToEquatableArray() }).ToList();
        if (grouped.Count < 2)
        {
            return grouped;
        }

        var isCommon = new HashSet<Term>(grouped[0].Terms);
        for (int i = 1; i < grouped.Count && isCommon.Count > 0; i++)
        {
            isCommon.IntersectWith(grouped[i].Terms);
        }

        if (isCommon.Count == 0)
        {
            return grouped;
        }

        var common = grouped[0].Terms.Where(isCommon.Contains).ToList();
        return grouped
            .Select(p => p with { Terms = common.Concat(p.Terms.Where(t => !isCommon.Contains(t))).ToEquatableArray() })
            .ToList();
    }

    /// <summary>
    /// <see cref="GroupLikeTerms"/> until no like terms are left: grouping can make like terms of its own
    /// (three sites of <c>n</c> and one of <c>3 * n</c> are <c>3 * n</c> twice), and the normal form of a
    /// normal form must be itself. Each round that groups anything leaves fewer terms, so this ends.
    /// </summary>
    private static IReadOnlyList<Term> GroupAllLikeTerms(IReadOnlyList<Term> terms)
    {
        List<Term> grouped = GroupLikeTerms(terms).ToList();
        while (grouped.Count < terms.Count)
        {
            terms = grouped;
            grouped = GroupLikeTerms(terms).ToList();
        }

        return grouped;
    }

    /// <summary>Each group of like terms as one term counting all of them, where the group's first term stood.</summary>
    private static IEnumerable<Term> GroupLikeTerms(IReadOnlyList<Term> terms)
    {
        var groups = new Dictionary<(BlockSummary Block, Expr Count, string Description), int>();
        var order = new List<(Term First, int Sites)>();
        foreach (Term term in terms)
        {
            var key = (term.Block, term.Count, term.Description);
            if (groups.TryGetValue(key, out int at))
            {
                order[at] = (order[at].First, order[at].Sites + 1);
            }
            else
            {
                groups[key] = order.Count;
                order.Add((term, 1));
            }
        }

        return order.Select(g => g.Sites == 1 ? g.First : g.First with { Count = Expr.Multiply(Expr.Const(g.Sites), g.First.Count) });
    }
}
