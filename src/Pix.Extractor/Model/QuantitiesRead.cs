using System;
using System.Collections.Generic;

namespace Pix.Model;

/// <summary>
/// The names of the quantities a list of pieces reads: in guards, in term counts, and (transitively)
/// in the bounds of the PCVs among them. What an interface keeps of its quantity table after its
/// pieces are chosen or merged.
/// </summary>
public static class QuantitiesRead
{
    /// <summary>The names read by <paramref name="pieces"/>; <paramref name="boundsOf"/> gives the bounds of the quantities of a name.</summary>
    public static HashSet<string> By(IEnumerable<Piece> pieces, Func<string, IEnumerable<Expr>> boundsOf)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (Piece piece in pieces)
        {
            AddGuard(piece.When, used);
            foreach (Term term in piece.Terms)
            {
                term.Count.AddSymbolsTo(used);
            }
        }

        // A PCV's bound may read further quantities, whose bounds may read more.
        var pending = new Stack<string>(used);
        while (pending.Count > 0)
        {
            foreach (Expr bound in boundsOf(pending.Pop()))
            {
                foreach (string name in bound.Symbols())
                {
                    if (used.Add(name))
                    {
                        pending.Push(name);
                    }
                }
            }
        }

        return used;
    }

    private static void AddGuard(Guard guard, HashSet<string> names)
    {
        var stack = new Stack<object>();
        stack.Push(guard);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case Expr e:
                    e.AddSymbolsTo(names);
                    break;
                case Guard g:
                    foreach (object child in g.Children())
                    {
                        stack.Push(child);
                    }

                    break;
            }
        }
    }
}
