using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Model;
using Pix.Solver;

namespace Pix.Extraction.Caching;

/// <summary>
/// A cached model carried to a compilation where the declarations it depends on have the same text
/// but some moved (an edit earlier in their file): the model is what a fresh extraction gives there,
/// except for its provenance, which is shifted here by each declaration's offset and line deltas.
/// </summary>
/// <remarks>
/// A declaration that moved to other lines is harder: the analysis also writes line numbers into
/// text ("for loop at line 14" in a term's description, a PCV's description) and a call's
/// <c>[CallerLineNumber]</c> argument is a line number the model may compute with. Such a model is
/// not relocated (<see cref="TryRelocate"/> returns null and the method is extracted again) when any
/// text of the model holds a number among the moved declaration's old lines, or when the declaration
/// passes a caller line number. Offsets never reach text or values.
/// </remarks>
internal static class ModelRelocation
{
    /// <summary>Every provenance in <paramref name="model"/> (its origin, gaps, quantities' and terms' origins).</summary>
    public static IEnumerable<Provenance> ProvenancesOf(InterfaceModel model)
    {
        yield return model.Origin;
        foreach (Gap gap in model.Gaps)
        {
            yield return gap.Where;
        }

        foreach (Quantity quantity in model.Quantities)
        {
            if (quantity.Origin is not null)
            {
                yield return quantity.Origin;
            }
        }

        foreach (Piece piece in model.Pieces)
        {
            foreach (Term term in piece.Terms)
            {
                yield return term.Origin;
            }
        }
    }

    /// <summary>
    /// <paramref name="model"/> with its provenance moved with the declarations of <paramref name="moves"/>;
    /// the model itself when none lies in a moved declaration; null when it cannot be relocated exactly.
    /// </summary>
    public static InterfaceModel? TryRelocate(InterfaceModel model, IReadOnlyList<DeclarationMove> moves, Compilation compilation, CancellationToken ct)
    {
        if (moves.Count == 0)
        {
            return model;
        }

        List<DeclarationMove> lineMoves = moves.Where(m => m.To.Line != m.From.Line).ToList();
        if (lineMoves.Count > 0 && (MentionsLines(model, lineMoves) || lineMoves.Any(m => CallerLines.Passes(m.Declaration, compilation, ct))))
        {
            return null;
        }

        if (!ProvenancesOf(model).Any(p => MoveOf(p, moves) is not null))
        {
            return model;
        }

        return model with
        {
            Origin = Relocate(model.Origin, moves),
            Gaps = model.Gaps.Select(g => g with { Where = Relocate(g.Where, moves) }).ToEquatableArray(),
            Quantities = model.Quantities.Select(q => q.Origin is null ? q : q with { Origin = Relocate(q.Origin, moves) }).ToEquatableArray(),
            Pieces = model.Pieces.Select(piece => piece with
            {
                Terms = piece.Terms.Select(t => t with { Origin = Relocate(t.Origin, moves) }).ToEquatableArray(),
            }).ToEquatableArray(),
        };
    }

    private static Provenance Relocate(Provenance place, IReadOnlyList<DeclarationMove> moves)
    {
        if (MoveOf(place, moves) is not { } move)
        {
            return place;
        }

        int lines = move.To.Line - move.From.Line;
        return place with { Start = place.Start + move.To.Start - move.From.Start, Line = place.Line + lines, EndLine = place.EndLine + lines };
    }

    // Declarations with bodies are disjoint: at most one holds a place.
    private static DeclarationMove? MoveOf(Provenance place, IReadOnlyList<DeclarationMove> moves)
    {
        foreach (DeclarationMove move in moves)
        {
            if (string.Equals(move.Path, place.FilePath, System.StringComparison.Ordinal) && move.From.Holds(place.Start, place.Length))
            {
                return move;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether any text of the model (names, descriptions, reasons, constructs, expressions' symbols)
    /// holds a number that is one of the old lines of a declaration that moved to other lines: the
    /// analysis may have written that line there, and only a fresh extraction writes the new one.
    /// </summary>
    private static bool MentionsLines(InterfaceModel model, List<DeclarationMove> lineMoves)
    {
        foreach (string text in TextsOf(model))
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (!IsAsciiDigit(text[i]))
                {
                    continue;
                }

                long number = 0;
                int start = i;
                while (i < text.Length && IsAsciiDigit(text[i]))
                {
                    // Runs longer than any line number are not one.
                    number = i - start < 10 ? (number * 10) + (text[i] - '0') : long.MaxValue;
                    i++;
                }

                if (lineMoves.Any(m => number >= m.From.Line && number <= m.From.EndLine))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Lines are written with the invariant culture's digits.
    private static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

    private static IEnumerable<string> TextsOf(InterfaceModel model)
    {
        foreach (Provenance place in ProvenancesOf(model))
        {
            yield return place.Construct;
        }

        foreach (Quantity quantity in model.Quantities)
        {
            yield return quantity.Name;
            yield return quantity.Expression ?? "";
            yield return quantity.Description;
            if (quantity.Bound is not null)
            {
                foreach (string symbol in quantity.Bound.Symbols())
                {
                    yield return symbol;
                }
            }
        }

        foreach (Gap gap in model.Gaps)
        {
            yield return gap.Construct;
            yield return gap.Reason;
        }

        foreach (Piece piece in model.Pieces)
        {
            foreach (string symbol in QuantityDomain.GuardExpressions(piece.When).SelectMany(e => e.Symbols()))
            {
                yield return symbol;
            }

            foreach (Term term in piece.Terms)
            {
                yield return term.Description;
                foreach (string symbol in term.Count.Symbols())
                {
                    yield return symbol;
                }

                foreach (OpaqueCall call in term.Block.Opaque)
                {
                    yield return call.Name;
                }
            }
        }
    }
}
