using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Model;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// The twenty-second session's allocation cuts (docs/robustness.md): reading an expression's symbols and enumerating an
/// <see cref="EquatableArray{T}"/> allocate no enumerator per node or loop, and give the same names in the same order.
/// Allocation is counted (<see cref="GC.GetAllocatedBytesForCurrentThread"/>), not timed: the count does not move with load.
/// </summary>
public sealed class AllocationFreeWalkTests
{
    private static Expr Every()
    {
        Expr s(string n) => Expr.Symbol(n);
        return Expr.Add(
            Expr.Max(s("a"), Expr.Multiply(s("b"), s("c"))),
            Expr.Min(s("d"), Expr.Log2(s("e"))),
            Expr.Divide(s("f"), Expr.Add(s("g"), s("a")), ceiling: true),
            Expr.Const(3));
    }

    /// <summary>The names in the order the traversal by <see cref="Expr.Children"/> adds them (what Collect did before).</summary>
    private static List<string> ByChildren(Expr e)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            Expr current = stack.Pop();
            IEnumerable<Expr> children = current.Children(out string? symbol);
            foreach (Expr child in children)
            {
                stack.Push(child);
            }

            if (symbol is not null)
            {
                names.Add(symbol);
            }
        }

        return names.ToList();
    }

    [Fact]
    public void Symbols_are_added_in_the_order_of_the_traversal_by_children()
    {
        Expr e = Every();
        var names = new HashSet<string>(StringComparer.Ordinal);
        e.AddSymbolsTo(names);
        Assert.Equal(ByChildren(e), names.ToList());
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g"], e.Symbols());
    }

    [Fact]
    public void Reading_the_symbols_of_a_large_expression_allocates_no_enumerator_per_node()
    {
        Expr e = Expr.Symbol("x0");
        for (int i = 1; i < 200; i++)
        {
            e = Expr.Max(e, Expr.Multiply(Expr.Symbol("x" + i), Expr.Symbol("y")));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        e.AddSymbolsTo(names); // warm: the set's growth and the JIT's first call are not the walk's
        long before = GC.GetAllocatedBytesForCurrentThread();
        e.AddSymbolsTo(names);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // 400 inner nodes: an enumerator (and for a binary node an array) per node was > 20 KB; the stack alone stays small.
        Assert.True(allocated < 2_000, $"allocated {allocated} bytes");
        Assert.Equal(201, names.Count);
    }

    [Fact]
    public void Foreach_over_an_equatable_array_allocates_nothing()
    {
        var array = new EquatableArray<int>(Enumerable.Range(0, 100));
        int Sum()
        {
            int sum = 0;
            foreach (int item in array)
            {
                sum += item;
            }

            return sum;
        }

        Assert.Equal(4950, Sum());
        long before = GC.GetAllocatedBytesForCurrentThread();
        int again = Sum();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(4950, again);
        Assert.Equal(Enumerable.Range(0, 100), array.AsEnumerable()); // the interface's enumeration is unchanged
    }

    [Fact]
    public void Evaluating_sums_and_products_allocates_nothing_and_gives_the_same_value()
    {
        Expr e = Expr.Add(Expr.Multiply(Expr.Symbol("n"), Expr.Symbol("m"), Expr.Const(3)), Expr.Symbol("n"), Expr.Const(0.5));
        static double Lookup(string name) => name == "n" ? 7 : 11;
        Func<string, double> lookup = Lookup;
        Assert.Equal(7 * 11 * 3 + 7 + 0.5, ModelEvaluator.Evaluate(e, lookup));
        long before = GC.GetAllocatedBytesForCurrentThread();
        double again = ModelEvaluator.Evaluate(e, lookup);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(7 * 11 * 3 + 7 + 0.5, again);
    }
}
