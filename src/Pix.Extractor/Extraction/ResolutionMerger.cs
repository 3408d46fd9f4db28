using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Model;

namespace Pix.Extraction;

/// <summary>
/// Performance resolution: adjacent pieces whose latency on <see cref="HardwareProfile.Reference"/>
/// differs by less than the resolution (relative to the larger) at every sample valuation are
/// merged. The merged piece keeps the terms of the piece that costs more over the samples, and the
/// disjunction of the guards (so first-match semantics is preserved).
/// </summary>
internal static class ResolutionMerger
{
    /// <summary>
    /// Every quantity takes the same value in one sample (flags read as 1 when the value is odd):
    /// small, medium and large inputs, so that pieces that agree on tiny inputs but diverge on
    /// large ones are kept apart.
    /// </summary>
    public static IReadOnlyList<double> Samples { get; } = new double[] { 0, 1, 8, 64, 1024, 65536 };

    /// <summary>
    /// <paramref name="model"/> (extracted at resolution 0) at <paramref name="resolution"/>: its pieces
    /// merged, and the quantities the merged pieces no longer read (a PCV of a dropped path) dropped.
    /// The same model as extracting at that resolution: the same merge of the same pieces, and the
    /// same rule for the quantities kept (<see cref="QuantitiesRead"/>), in the same order.
    /// </summary>
    public static InterfaceModel Apply(InterfaceModel model, double resolution)
    {
        if (model.Resolution != 0)
        {
            throw new ArgumentException($"Resolution applies to an unmerged model; this one has resolution {model.Resolution}.", nameof(model));
        }

        // A model's pieces are in normal form (ModelAssembler; every consumer reads it), and the normal form of a normal form
        // is itself: when no pieces merged, it is not computed again (docs/robustness.md, `tail26`). Merge only removes pieces.
        IReadOnlyList<Piece> pieces = Merge(model.Pieces, resolution);
        IReadOnlyList<Piece> merged = pieces.Count == model.Pieces.Count ? pieces : PieceNormalForm.Of(pieces);
        ILookup<string, Expr> bounds = model.Quantities
            .Where(q => q.Bound is not null)
            .ToLookup(q => q.Name, q => q.Bound!, StringComparer.Ordinal);
        HashSet<string> used = QuantitiesRead.By(merged, name => bounds[name]);
        return AbsorbBranches(
            model with
            {
                Pieces = merged.ToEquatableArray(),
                Quantities = model.Quantities.Where(q => used.Contains(q.Name)).ToEquatableArray(),
                Resolution = resolution,
            },
            resolution);
    }

    /// <summary>
    /// <paramref name="model"/> with its <see cref="GapKind.DataDependentBranch"/> gaps moved to
    /// <see cref="InterfaceModel.GapsWithinResolution"/> when its <see cref="InterfaceModel.BranchSlack"/> is
    /// within <paramref name="resolution"/> (> 0); the slack applied either way, so null in the result. At
    /// resolution 0 the model is returned as it is: every gap stays, and the slack stays to be applied.
    /// </summary>
    public static InterfaceModel AbsorbBranches(InterfaceModel model, double resolution)
    {
        if (resolution <= 0)
        {
            return model;
        }

        if (model.BranchSlack is not { } slack || slack > resolution)
        {
            return model.BranchSlack is null ? model : model with { BranchSlack = null };
        }

        return model with
        {
            Gaps = model.Gaps.Where(g => g.Kind != GapKind.DataDependentBranch).ToEquatableArray(),
            GapsWithinResolution = model.Gaps.Where(g => g.Kind == GapKind.DataDependentBranch).ToEquatableArray(),
            BranchSlack = null,
        };
    }

    public static IReadOnlyList<Piece> Merge(IReadOnlyList<Piece> pieces, double resolution)
    {
        var result = pieces.ToList();
        if (resolution <= 0)
        {
            return result;
        }

        // Each piece is priced once: a merged piece keeps the dominating piece's terms, hence its prices.
        // (Pricing every neighbour pair again cost Newtonsoft.Json's SerializeDynamic a fifth of its extraction.)
        // Pieces share most of their terms (the code before their forks): each distinct count is evaluated at
        // the samples once, and each block priced once, for all pieces (FetchNextToken's merge was a fifth of its analysis).
        var counts = new Dictionary<Expr, double[]>();
        var blocks = new Dictionary<BlockSummary, double>(SameInstance<BlockSummary>.Comparer);
        List<double[]> prices = result.Select(piece => Prices(piece, counts, blocks)).ToList();
        for (int i = 0; i + 1 < result.Count;)
        {
            double[] a = prices[i];
            double[] b = prices[i + 1];
            if (!Close(a, b, resolution))
            {
                i++;
                continue;
            }

            bool laterDominates = b.Sum() > a.Sum();
            Piece dominating = laterDominates ? result[i + 1] : result[i];
            result[i] = new Piece(Guard.Or(result[i].When, result[i + 1].When), dominating.Terms, PieceOrigin.MergedByResolution);
            prices[i] = laterDominates ? b : a;
            result.RemoveAt(i + 1);
            prices.RemoveAt(i + 1);
        }

        return result;
    }

    /// <summary>
    /// A pricer of pieces: each one's latency on the reference profile at each of <see cref="Samples"/>, pricing
    /// each count and block once for all the pieces it is given (as <see cref="Merge"/> does).
    /// </summary>
    public static Func<Piece, double[]> PiecePricer()
    {
        var counts = new Dictionary<Expr, double[]>();
        var blocks = new Dictionary<BlockSummary, double>(SameInstance<BlockSummary>.Comparer);
        return piece => Prices(piece, counts, blocks);
    }

    private static bool Close(double[] a, double[] b, double resolution)
    {
        for (int s = 0; s < a.Length; s++)
        {
            double larger = Math.Max(a[s], b[s]);
            if (larger > 0 && Math.Abs(a[s] - b[s]) >= resolution * larger)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The piece's latency on the reference profile at each sample. A block's price does not depend on the
    /// sample, so each term's block is priced once; the sums run in term order, as before. Equal counts
    /// evaluate equally, so <paramref name="counts"/> keeps each distinct count's values at the samples;
    /// <paramref name="blocks"/> each block's price.
    /// </summary>
    private static double[] Prices(Piece piece, Dictionary<Expr, double[]> counts, Dictionary<BlockSummary, double> blocks)
    {
        var prices = new double[Samples.Count];
        for (int t = 0; t < piece.Terms.Count; t++)
        {
            Term term = piece.Terms[t];
            if (!blocks.TryGetValue(term.Block, out double blockPrice))
            {
                blocks[term.Block] = blockPrice = term.Block.Price(HardwareProfile.Reference);
            }

            if (!counts.TryGetValue(term.Count, out double[]? values))
            {
                counts[term.Count] = values = CountAtSamples(term.Count);
            }

            // Term by term into each sample's sum: per sample, the same additions in the same order as before.
            for (int s = 0; s < prices.Length; s++)
            {
                prices[s] += values[s] * blockPrice;
            }
        }

        return prices;
    }

    private static double[] CountAtSamples(Expr count)
    {
        var values = new double[Samples.Count];
        for (int s = 0; s < values.Length; s++)
        {
            values[s] = Math.Max(0, ModelEvaluator.Evaluate(count, SampleValuations[s]));
        }

        return values;
    }

    // One valuation per sample, made once: a lambda capturing the sample was a closure and a delegate for every
    // distinct count at every sample (the most allocated delegate of a corpus run, docs/robustness.md, `alloc28`).
    private static readonly Func<string, double>[] SampleValuations =
        Samples.Select(value => (Func<string, double>)(_ => value)).ToArray();
}
