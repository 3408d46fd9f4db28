namespace Pix.Model;

/// <summary>How a <see cref="Piece"/> came to be.</summary>
public enum PieceOrigin
{
    /// <summary>One path (or a set of paths) selected by its guard.</summary>
    Path,
    /// <summary>Paths merged by resolution; the piece keeps the most expensive of them.</summary>
    MergedByResolution,
}

/// <summary>
/// A guarded piece of an interface: when <see cref="When"/> holds (and no earlier piece's guard
/// did), the latency is the sum of <see cref="Terms"/>.
/// </summary>
/// <param name="When">The guard; <see cref="Guard.Always"/> for the last ("otherwise") piece.</param>
/// <param name="Terms">The cost, a sum of terms.</param>
/// <param name="Origin">Whether the piece is one path or a merge.</param>
public sealed record Piece(Guard When, EquatableArray<Term> Terms, PieceOrigin Origin = PieceOrigin.Path);
