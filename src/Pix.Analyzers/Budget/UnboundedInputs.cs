using System.Collections.Generic;
using System.Linq;
using Pix.Model;
using Pix.Solver;

namespace Pix.Analyzers.Budget;

/// <summary>
/// Which inputs a piece's latency grows with and that have no bound: while one remains, the piece has
/// no worst case and a budget cannot hold for all its inputs (PIX0207).
/// </summary>
/// <remarks>
/// Growth is read from the terms' counts (any monomial or logarithm in the quantity, on a block that
/// costs something on the profile), with PCVs the extractor bounded replaced by their bounds. Flags are
/// bounded by nature. The piece's own guard is not consulted: a guard such as <c>n &lt; 16</c> bounds
/// <c>n</c> in that piece, but a guard can also bound it only together with earlier ones, and deciding
/// that is the solver's job; asking for an explicit bound is the conservative and readable choice.
/// </remarks>
internal static class UnboundedInputs
{
    /// <summary>The unbounded quantities <paramref name="piece"/> of <paramref name="model"/> grows with, sorted.</summary>
    public static IReadOnlyList<string> Of(InterfaceModel model, Piece piece, IReadOnlyDictionary<string, double> bounds, HardwareProfile hw)
    {
        var result = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (Term term in piece.Terms)
        {
            if (term.Block.Price(hw) <= 0)
            {
                continue;
            }

            Expr count = term.Count.Substitute(name =>
                !bounds.ContainsKey(name) && model.FindQuantity(name) is { IsPcv: true, Bound: { } bound } ? bound : null);
            foreach (string name in count.Symbols())
            {
                if (!bounds.ContainsKey(name)
                    && model.FindQuantity(name)?.Kind != QuantityKind.Flag
                    && ComplexityClass.Of(count, name).CompareTo(ComplexityClass.Constant) > 0)
                {
                    result.Add(name);
                }
            }
        }

        return result.ToArray();
    }
}
