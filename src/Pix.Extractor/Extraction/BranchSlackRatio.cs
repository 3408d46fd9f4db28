using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Extraction.Costs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction;

/// <summary>
/// <see cref="InterfaceModel.BranchSlack"/>: how far, relative to each piece, keeping the costlier arm of every
/// branch on data can take a piece from the same piece through any other arms (docs/extractor.md, "Branches
/// within the resolution").
/// </summary>
internal static class BranchSlackRatio
{
    /// <summary>
    /// The largest ratio, over the pieces and <see cref="ResolutionMerger.Samples"/>, of a path's slack to its
    /// piece's latency on the reference profile; null when the model has no branch-on-data gap, when a slack is
    /// unbounded or not a number at a sample, when a piece with slack costs nothing at a sample, or when a gap's branch left no slack on any
    /// path (its cost was dropped on the way, so nothing bounds it).
    /// </summary>
    /// <param name="alternatives">The method's paths.</param>
    /// <param name="pieces">Their pieces, in the same order.</param>
    /// <param name="gaps">The model's gaps.</param>
    public static double? Of(IReadOnlyList<PathAlternative> alternatives, IReadOnlyList<Piece> pieces, IReadOnlyList<Gap> gaps)
    {
        // Most models have no branch on data, and many an unbounded one (one term, all its path's slack says):
        // neither needs anything priced.
        if (!HasDataBranch(gaps) || alternatives.Any(a => a.Cost.Slack is [var only] && BranchSlack.IsUnbounded(only)))
        {
            return null;
        }

        var uncovered = new HashSet<(string FilePath, int Start)>(
            gaps.Where(g => g.Kind == GapKind.DataDependentBranch).Select(g => (g.Where.FilePath, g.Where.Start)));
        IReadOnlyList<double> samples = ResolutionMerger.Samples;
        // Paths forked after a branch share its slack terms (a fork copies the list, not the terms): each is priced once.
        var priced = new Dictionary<PendingTerm, double[]>(SameInstance<PendingTerm>.Comparer);
        Func<Piece, double[]> pricePiece = ResolutionMerger.PiecePricer();
        double ratio = 0;
        for (int i = 0; i < alternatives.Count; i++)
        {
            if (alternatives[i].Cost.Slack is not { } slack)
            {
                continue;
            }

            var slackPrices = new double[samples.Count];
            foreach (PendingTerm term in slack)
            {
                uncovered.Remove((term.Origin.FilePath, term.Origin.Start));
                if (!priced.TryGetValue(term, out double[]? prices))
                {
                    priced[term] = prices = PricesAtSamples(term);
                }

                for (int s = 0; s < samples.Count; s++)
                {
                    slackPrices[s] += prices[s];
                }
            }

            double[] piecePrices = pricePiece(pieces[i]);
            for (int s = 0; s < samples.Count; s++)
            {
                if (slackPrices[s] <= 0)
                {
                    continue;
                }

                if (!(piecePrices[s] > 0))
                {
                    return null;
                }

                ratio = Math.Max(ratio, slackPrices[s] / piecePrices[s]);
            }
        }

        // A ratio that is not a finite number bounds nothing: no ratio, every gap kept. NaN compares false with every
        // resolution, so it would otherwise read as within all of them. (Counts divide by zero as 0, so only an
        // overflow could make one.)
        return uncovered.Count == 0 && !double.IsNaN(ratio) && !double.IsInfinity(ratio) ? ratio : null;
    }

    private static bool HasDataBranch(IReadOnlyList<Gap> gaps)
    {
        for (int i = 0; i < gaps.Count; i++)
        {
            if (gaps[i].Kind == GapKind.DataDependentBranch)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The term's price on the reference profile at each sample, its count evaluated as the pieces' are.</summary>
    private static double[] PricesAtSamples(PendingTerm term)
    {
        IReadOnlyList<double> samples = ResolutionMerger.Samples;
        var prices = new double[samples.Count];
        double blockPrice = term.Block.Price(HardwareProfile.Reference);
        if (term.Count.IsConstant(out double constant))
        {
            for (int s = 0; s < prices.Length; s++)
            {
                prices[s] = Math.Max(0, constant) * blockPrice;
            }

            return prices;
        }

        Expr count = Summation.WithoutLoopVariables(term.Count).ToExpr();
        for (int s = 0; s < prices.Length; s++)
        {
            double value = samples[s];
            prices[s] = Math.Max(0, ModelEvaluator.Evaluate(count, _ => value)) * blockPrice;
        }

        return prices;
    }
}
