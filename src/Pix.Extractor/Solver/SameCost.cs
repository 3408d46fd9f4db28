using System.Collections.Generic;
using System.Linq;
using Pix.Extraction;
using Pix.Model;

namespace Pix.Solver;

/// <summary>
/// Whether two interfaces predict the same latency for every input on every profile, by their
/// structure alone: the same quantities (names, kinds, bounds), and the same pieces in the same order
/// with the same guards and the same terms (block and count), or the same once both are in
/// <see cref="PieceNormalForm"/> (a baseline written before like terms were grouped holds one term per
/// site; the sums are equal in exact arithmetic). Provenance and descriptions are left out: they say
/// where the code is, not what it costs. The regression check asks this first, since most methods of a
/// build did not change, and it needs no solver.
/// </summary>
internal static class SameCost
{
    public static bool Holds(InterfaceModel a, InterfaceModel b) =>
        a.Quantities.Count == b.Quantities.Count
        && a.Quantities.Zip(b.Quantities, (x, y) => x.Name == y.Name && x.Kind == y.Kind && Equals(x.Bound, y.Bound)).All(same => same)
        && a.Pieces.Count == b.Pieces.Count
        && (SamePieces(a.Pieces, b.Pieces) || SamePieces(PieceNormalForm.Of(a.Pieces), PieceNormalForm.Of(b.Pieces)));

    private static bool SamePieces(IReadOnlyList<Piece> a, IReadOnlyList<Piece> b) => a.Zip(b, SamePiece).All(same => same);

    private static bool SamePiece(Piece x, Piece y) =>
        Equals(x.When, y.When)
        && x.Terms.Count == y.Terms.Count
        && x.Terms.Zip(y.Terms, (s, t) => Equals(s.Block, t.Block) && Equals(s.Count, t.Count)).All(same => same);
}
