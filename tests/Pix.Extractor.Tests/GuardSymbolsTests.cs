using System.Linq;
using Pix.Extraction.Analysis;
using Pix.Model;
using Pix.Solver;

namespace Pix.Extractor.Tests;

/// <summary>
/// <see cref="GuardSymbols"/> memoises the names a guard reads per guard object, building a conjunction's
/// from its operands'. It must answer what walking the guard answers, whichever part of a shared chain is
/// asked first, and must not recurse as deep as the chain.
/// </summary>
public sealed class GuardSymbolsTests
{
    [Fact]
    public void Names_equal_those_of_the_guards_expressions_whichever_part_is_asked_first()
    {
        Guard chain = Guard.Always;
        var prefixes = new System.Collections.Generic.List<Guard>();
        for (int i = 0; i < 40; i++)
        {
            Guard test = (i % 4) switch
            {
                0 => new CompareGuard(Expr.Symbol("n" + i), Comparison.Greater, Expr.Const(i)),
                1 => new NotGuard(new CompareGuard(Expr.Symbol("flag"), Comparison.Equal, Expr.One)),
                2 => new OrGuard(new CompareGuard(Expr.Symbol("a.Length"), Comparison.Less, Expr.Symbol("m")), Guard.Always),
                _ => new CompareGuard(Expr.Add(Expr.Symbol("n0"), Expr.Symbol("pcv" + i)), Comparison.LessOrEqual, Expr.Const(3)),
            };
            chain = new AndGuard(chain, test);
            prefixes.Add(chain);
        }

        // The longest first (nothing memoised), then the prefixes (memoised on the way), then fresh ones.
        foreach (Guard guard in new[] { prefixes[^1] }.Concat(prefixes).Concat(prefixes.Select(p => p with { })))
        {
            Assert.Equal(Walked(guard), GuardSymbols.Of(guard).OrderBy(s => s, System.StringComparer.Ordinal));
        }
    }

    [Fact]
    public void A_conjunction_as_deep_as_a_huge_method_is_answered_without_deep_recursion()
    {
        Guard chain = Guard.Always;
        for (int i = 0; i < 200_000; i++)
        {
            chain = new AndGuard(chain, new CompareGuard(Expr.Symbol("n" + (i % 7)), Comparison.Greater, Expr.Const(i)));
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => "n" + i), GuardSymbols.Of(chain).OrderBy(s => s, System.StringComparer.Ordinal));
    }

    private static string[] Walked(Guard guard) =>
        QuantityDomain.GuardExpressions(guard).SelectMany(e => e.Symbols()).Distinct().OrderBy(s => s, System.StringComparer.Ordinal).ToArray();
}
