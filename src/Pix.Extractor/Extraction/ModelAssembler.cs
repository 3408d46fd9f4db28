using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Analysis;
using Pix.Extraction.Costs;
using Pix.Extraction.Inputs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction;

/// <summary>
/// Turns the summary of the extracted method into the <see cref="InterfaceModel"/>: pieces from
/// its alternatives (the last one unguarded), the quantities they read (inputs first, then PCVs,
/// in source order), the gaps (sorted by place), the slack of its branches on data
/// (<see cref="BranchSlackRatio"/>), and resolution merging; the pieces' terms in <see cref="PieceNormalForm"/>.
/// </summary>
internal static class ModelAssembler
{
    public static InterfaceModel Assemble(MethodSummary summary, IReadOnlyList<Gap> gaps, double resolution)
    {
        var pieces = new List<Piece>();
        // The paths share the terms they had before they forked (by instance): each becomes one Term, not one per piece.
        var terms = new Dictionary<PendingTerm, Term?>(SameInstance<PendingTerm>.Comparer);
        for (int i = 0; i < summary.Alternatives.Count; i++)
        {
            PathAlternative alternative = summary.Alternatives[i];
            Guard guard = i == summary.Alternatives.Count - 1 ? Guard.Always : alternative.Guard;
            pieces.Add(new Piece(guard, Terms(alternative.Cost, summary, terms).ToEquatableArray()));
        }

        // In normal form before the merge too, so that a later ResolutionMerger.Apply merges exactly these pieces. At
        // resolution 0 (every extraction: InterfaceExtractor merges afterwards) nothing merges, and the normal form of a
        // normal form is itself: computing it again was a sixth of the slowest methods' model assembly (docs/robustness.md, `tail26`).
        IReadOnlyList<Piece> normal = PieceNormalForm.Of(pieces);
        IReadOnlyList<Piece> merged = resolution <= 0 ? normal : PieceNormalForm.Of(ResolutionMerger.Merge(normal, resolution));
        var model = new InterfaceModel(
            summary.Method.GetDocumentationCommentId() ?? summary.Method.Name,
            DisplayNames.Of(summary.Method),
            Quantities(summary.Quantities, merged).ToEquatableArray(),
            merged.ToEquatableArray(),
            gaps.OrderBy(g => g.Where.FilePath, StringComparer.Ordinal)
                .ThenBy(g => g.Where.Start)
                .ThenBy(g => g.Kind)
                .ThenBy(g => g.Construct, StringComparer.Ordinal)
                .ToEquatableArray(),
            resolution,
            summary.Origin)
        {
            BranchSlack = BranchSlackRatio.Of(summary.Alternatives, pieces, gaps),
        };
        return ResolutionMerger.AbsorbBranches(model, resolution);
    }

    private static IEnumerable<Term> Terms(CostAccumulator cost, MethodSummary summary, Dictionary<PendingTerm, Term?> converted)
    {
        if (!cost.Operations.IsEmpty || cost.Opaque.Count > 0)
        {
            yield return new Term(
                PendingTerm.CreateBlock(cost.Operations, cost.LongestPath, cost.Opaque),
                Expr.One,
                summary.Origin,
                "straight-line code");
        }

        foreach (PendingTerm term in cost.Terms)
        {
            if (!converted.TryGetValue(term, out Term? done))
            {
                done = Convert(term);
                converted[term] = done;
            }

            if (done is not null)
            {
                yield return done;
            }
        }
    }

    /// <summary>The model's term for <paramref name="term"/>, or null when it costs nothing (a count of 0, an empty block).</summary>
    private static Term? Convert(PendingTerm term)
    {
        // Loop variables are summed out when their loop closes; none reach the top level.
        Expr count = Summation.WithoutLoopVariables(term.Count).ToExpr();
        return count is ConstExpr { Value: 0 } || term.Block.IsEmpty ? null : new Term(term.Block, count, term.Origin, term.Description);
    }

    /// <summary>The quantities the pieces (and the PCVs' bounds) read: inputs first, then PCVs, each in source order.</summary>
    private static IEnumerable<Quantity> Quantities(QuantityTable table, IReadOnlyList<Piece> pieces)
    {
        ILookup<string, Expr> bounds = table.All
            .Where(q => q.Bound is not null)
            .ToLookup(q => q.Name, q => q.Bound!.ToExpr(), StringComparer.Ordinal);
        HashSet<string> used = QuantitiesRead.By(pieces, name => bounds[name]);

        return table.All
            .Where(q => used.Contains(q.Name))
            .OrderBy(q => q.Kind == QuantityKind.Pcv ? 1 : 0)
            .ThenBy(q => RootOrder(q))
            .ThenBy(q => q.Sequence)
            .Select(q => new Quantity(q.Name, q.Kind, q.Expression, q.Description, q.Bound?.ToExpr(), q.Origin));
    }

    private static int RootOrder(QuantityInfo q) => q.Path switch
    {
        { RootKind: AccessRootKind.Parameter } p => p.Ordinal,
        { RootKind: AccessRootKind.This } => 10_000,
        { RootKind: AccessRootKind.Captured } => 15_000,
        { RootKind: AccessRootKind.Static } => 20_000,
        _ => 30_000,
    };
}
