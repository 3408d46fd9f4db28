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
