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

        IReadOnlyList<Piece> merged = Merge(model.Pieces, resolution);
        ILookup<string, Expr> bounds = model.Quantities
            .Where(q => q.Bound is not null)
            .ToLookup(q => q.Name, q => q.Bound!, StringComparer.Ordinal);
        HashSet<string> used = QuantitiesRead.By(merged, name => bounds[name]);
        return model with
        {
            Pieces = merged.ToEquatableArray(),
            Quantities = model.Quantities.Where(q => used.Contains(q.Name)).ToEquatableArray(),
            Resolution = resolution,
        };
    }

    public static IReadOnlyList<Piece> Merge(IReadOnlyList<Piece> pieces, double resolution)
    {
        var result = pieces.ToList();
        if (resolution <= 0)
        {
            return result;
        }

        for (int i = 0; i + 1 < result.Count;)
        {
            double[] a = Prices(result[i]);
            double[] b = Prices(result[i + 1]);
            if (!Close(a, b, resolution))
            {
                i++;
                continue;
            }

            Piece dominating = b.Sum() > a.Sum() ? result[i + 1] : result[i];
            result[i] = new Piece(Guard.Or(result[i].When, result[i + 1].When), dominating.Terms, PieceOrigin.MergedByResolution);
            result.RemoveAt(i + 1);
        }

        return result;
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

    private static double[] Prices(Piece piece) =>
        Samples.Select(v => piece.Terms.Sum(t => Math.Max(0, ModelEvaluator.Evaluate(t.Count, _ => v)) * t.Block.Price(HardwareProfile.Reference))).ToArray();
}
