using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Pix.Model;

namespace Pix.Extraction.Analysis;

/// <summary>
/// The distinct quantity names a guard reads, memoised per guard object. A path's guard is the
/// conjunction of every fork before it, and the paths of one region share those conjunctions as
/// objects: asking "does this path's guard read a PCV?" at each branch walked the whole chain again
/// (4% of YamlDotNet's extraction), while a conjunction's names are its two sides' names.
/// </summary>
internal static class GuardSymbols
{
    // Guards are immutable and compared here by reference: a weak table lets them go with their model.
    private static readonly ConditionalWeakTable<Guard, string[]> Known = new();

    /// <summary>The names <paramref name="guard"/>'s expressions read, each once, in no particular order.</summary>
    public static IReadOnlyList<string> Of(Guard guard)
    {
        if (guard is TrueGuard)
        {
            return Array.Empty<string>();
        }

        if (Known.TryGetValue(guard, out string[]? names))
        {
            return names;
        }

        // Post-order without recursion (a conjunction may be as deep as a method has forks, and the
        // first question may come at its end): a connective is settled once its operands are.
        var pending = new Stack<(Guard Guard, bool OperandsDone)>();
        pending.Push((guard, false));
        while (pending.Count > 0)
        {
            (Guard current, bool operandsDone) = pending.Pop();
            if (Known.TryGetValue(current, out _))
            {
                continue;
            }

            if (current is not (AndGuard or OrGuard or NotGuard))
            {
                Known.GetValue(current, Leaf);
                continue;
            }

            if (!operandsDone)
            {
                pending.Push((current, true));
                foreach (object operand in current.Children())
                {
                    if (operand is Guard g && g is not TrueGuard && !Known.TryGetValue(g, out _))
                    {
                        pending.Push((g, false));
                    }
                }

                continue;
            }

            Known.GetValue(current, Connective);
        }

        return Known.TryGetValue(guard, out names) ? names : Leaf(guard);
    }

    private static string[] Connective(Guard guard)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (object operand in guard.Children())
        {
            names.UnionWith(Of((Guard)operand));
        }

        return names.ToArray();
    }

    private static string[] Leaf(Guard guard)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Expr e in Solver.QuantityDomain.GuardExpressions(guard))
        {
            e.AddSymbolsTo(names);
        }

        return names.ToArray();
    }
}
