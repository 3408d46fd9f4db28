using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Extraction.Inputs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// The cheaper forms of the twenty-eighth session's <c>alloc28</c> (docs/robustness.md) give exactly what the forms
/// they replaced gave: each test writes the replaced form out as the reference (LINQ grouping and sorting, the key
/// through a constant expression, a suffix search from 2) and compares bit for bit. Models must not move: every
/// key orders monomials, every block is priced, every PCV name is in the interface.
/// </summary>
public sealed class AllocationLeanFormsTests
{
    private static readonly Atom[] Atoms = { Q("n"), Q("m"), Q("data.Length"), Q("_count") };

    [Fact]
    public void A_polys_key_and_expression_are_the_sorted_forms_they_were()
    {
        var random = new Random(28);
        double[] coefficients = { 0.1, -0.3, 0.5, 1, -1, 1.0 / 3, 2, 65536, -7.25 };
        for (int round = 0; round < 400; round++)
        {
            // Mixed degrees (a constant, n, n·m, n²·m, a function atom), so that the degree order differs from the key order.
            Poly p = Poly.Zero;
            int terms = random.Next(6);
            for (int i = 0; i < terms; i++)
            {
                Poly term = Poly.Const(coefficients[random.Next(coefficients.Length)]);
                int factors = random.Next(4);
                for (int f = 0; f < factors; f++)
                {
                    term = term.Times(random.Next(5) == 0
                        ? FunctionAtom.Apply(AtomFunction.NonNegative, Poly.Of(Atoms[random.Next(Atoms.Length)]).Minus(Poly.Const(128)))
                        : Poly.Of(Atoms[random.Next(Atoms.Length)]));
                }

                p = p.Plus(term);
            }

            string referenceKey = p.Terms.Count == 0 ? "0" : string.Join(" + ", p.Terms.Select(t => Expr.Const(t.Coefficient) + "·" + t.Monomial.Key));
            Assert.Equal(referenceKey, p.Key);
            Assert.Equal(ReferenceExpr(p), p.ToExpr());
            Assert.Equal(ReferenceExpr(p).ToString(), p.ToExpr().ToString());
        }
    }

    [Fact]
    public void A_blocks_counts_are_summed_per_class_as_the_grouping_summed_them()
    {
        var random = new Random(128);
        OperationClass[] classes = Enum.GetValues<OperationClass>();
        double[] counts = { 1, 0.1, 0.2, -0.3, 0.5, 3, -3, 1e-13, 0, -0.0 };
        for (int round = 0; round < 400; round++)
        {
            var operations = Enumerable.Range(0, random.Next(12))
                .Select(_ => new OperationCount(classes[random.Next(classes.Length)], counts[random.Next(counts.Length)]))
                .ToList();
            var opaque = Enumerable.Range(0, random.Next(3)).Select(i => new OpaqueCall("call" + random.Next(2), counts[random.Next(counts.Length)])).ToList();
            BlockSummary block = BlockSummary.Create(operations, operations.Where((_, i) => i % 2 == 0), opaque);

            Assert.Equal(Bits(ReferenceNormalize(operations)), Bits(block.Operations));
            Assert.Equal(Bits(ReferenceNormalize(operations.Where((_, i) => i % 2 == 0))), Bits(block.Chain));
            Assert.Equal(
                opaque.GroupBy(c => c.Name, StringComparer.Ordinal).Select(g => new OpaqueCall(g.Key, g.Sum(c => c.Count))).Where(c => c.Count != 0).OrderBy(c => c.Name, StringComparer.Ordinal),
                block.Opaque);
            Assert.True(block.ColdLoads.IsEmpty && block.MemoryLoads.IsEmpty);
        }
    }

    [Fact]
    public void A_taken_names_suffixes_are_those_a_search_from_2_finds()
    {
        // Parameters hold x_3; an input takes x itself; a PCV asks for x_5 before the search for x reaches it.
        var table = new QuantityTable(new[] { "x", "x_3" });
        var names = new List<string>
        {
            table.Pcv("x", "first", null, null).Name,
            table.Pcv("x", "second", null, null).Name,
            table.Pcv("x_5", "asked for by name", null, null).Name,
            table.Pcv("x", "third", null, null).Name,
            table.Pcv("x", "fourth", null, null).Name,
            table.Pcv("x_2", "a suffixed name taken", null, null).Name,
            table.Pcv("x_2", "and again", null, null).Name,
        };

        Assert.Equal(new[] { "x_2", "x_4", "x_5", "x_6", "x_7", "x_2_2", "x_2_3" }, names);
    }

    [Fact]
    public void A_sum_or_product_of_one_expression_is_that_expression()
    {
        Expr n = Expr.Symbol("n");
        Expr max = Expr.NonNegative(Expr.Add(n, Expr.Const(-128)));
        foreach (Expr e in new[] { n, max, Expr.Const(3), Expr.Add(n, Expr.Const(1)), Expr.Multiply(Expr.Const(2), n), Expr.Zero, Expr.One })
        {
            Assert.Equal(Expr.Add(new List<Expr> { e }), Expr.Add(e));
            Assert.Equal(Expr.Multiply(new List<Expr> { e }), Expr.Multiply(e));
            Assert.Equal(Expr.Add(new List<Expr> { e, e }), Expr.Add(e, e));
            Assert.Equal(Expr.Multiply(new List<Expr> { e, e }), Expr.Multiply(e, e));
        }
    }

    /// <summary>What <see cref="Poly.ToExpr"/> was: terms by degree then key, each the product of its coefficient and atoms.</summary>
    private static Expr ReferenceExpr(Poly p)
    {
        var terms = new List<Expr>();
        foreach (var (monomial, coefficient) in p.Terms.OrderByDescending(t => t.Monomial.Degree).ThenBy(t => t.Monomial.Key, StringComparer.Ordinal))
        {
            var factors = new List<Expr> { Expr.Const(coefficient) };
            foreach (var (atom, power) in monomial.Factors)
            {
                for (int i = 0; i < power; i++)
                {
                    factors.Add(atom.ToExpr());
                }
            }

            terms.Add(Expr.Multiply(factors));
        }

        return Expr.Add(terms);
    }

    private static IEnumerable<OperationCount> ReferenceNormalize(IEnumerable<OperationCount> counts) =>
        counts.GroupBy(c => c.Class)
            .Select(g => new OperationCount(g.Key, g.Sum(c => c.Count)))
            .Where(c => c.Count != 0)
            .OrderBy(c => (int)c.Class);

    private static IEnumerable<(OperationClass, long)> Bits(IEnumerable<OperationCount> counts) =>
        counts.Select(c => (c.Class, BitConverter.DoubleToInt64Bits(c.Count))).ToList();

    private static QuantityAtom Q(string name) => new(name, isNonNegative: true);
}
