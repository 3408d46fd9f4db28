using System.Linq;
using System.Threading;
using Pix.Model;
using Pix.Solver;
using Xunit;

namespace Pix.Extractor.Tests.Solver;

/// <summary>The structural shortcut of the regression check: exact, never a false "same".</summary>
public sealed class SameCostTests
{
    private const string Loop = "static class C { public static int M(int[] data) { int s = 0; for (int i = 0; i < data.Length; i++) s += data[i]; return s; } }";

    [Fact]
    public void Moved_code_costs_the_same()
    {
        InterfaceModel before = Extraction.Extract(Loop);
        InterfaceModel moved = Extraction.Extract("\n\n// moved down\n" + Loop.Replace("int s = 0;", "int s = 0; /* sum */"));

        Assert.NotEqual(before, moved);   // provenance differs
        Assert.True(SameCost.Holds(before, moved));
        InterfaceComparison comparison = InterfaceComparer.Compare(before, moved, 0, HardwareProfile.Reference, new FallbackEngine(SolverOptions.Default), SolverOptions.Default, CancellationToken.None);
        Assert.False(comparison.IsRegression);
        Assert.Null(comparison.Faster);
    }

    [Fact]
    public void One_more_operation_per_iteration_is_not_the_same()
    {
        InterfaceModel before = Extraction.Extract(Loop);
        InterfaceModel after = Extraction.Extract(Loop.Replace("s += data[i];", "s += data[i] * 3;"));

        Assert.False(SameCost.Holds(before, after));
        Assert.NotNull(InterfaceComparer.Compare(before, after, 0, HardwareProfile.Reference, new FallbackEngine(SolverOptions.Default), SolverOptions.Default, CancellationToken.None).Slower);
    }
    [Fact]
    public void A_baseline_written_before_like_terms_were_grouped_costs_the_same()
    {
        // Baselines written before the normal form (seventh session) hold one term per call site; the
        // model extracted now groups them (3 * a.Length) and puts the terms every piece pays first.
        const string Source = @"static class C {
            public static int M(int[] a, int n) {
                int s = 0;
                if (n > 3) { s = n * n / 7; } else { s = n + 1; }
                s += Sum(a); s += Sum(a); s += Sum(a);
                return s; }
            static int Sum(int[] a) { int s = 0; foreach (int x in a) s += x; return s; } }";
        InterfaceModel current = Extraction.Extract(Source, options: Pix.Extraction.ExtractionOptions.Default with { DefaultResolution = 0 });
        Assert.Contains(current.Pieces[0].Terms, t => t.Count is ProductExpr { Factors: [ConstExpr { Value: 3 }, ..] });

        // The same model as the extractor wrote it before: each grouped term once per site, each piece's own terms first.
        InterfaceModel written = current with
        {
            Pieces = current.Pieces.Select(p => p with
            {
                Terms = p.Terms.Skip(1).Concat(p.Terms.Take(1)).SelectMany(t => t.Count is ProductExpr { Factors: [ConstExpr k, ..] } product
                    ? Enumerable.Repeat(t with { Count = Expr.Multiply(product.Factors.Skip(1)) }, (int)k.Value)
                    : new[] { t }).ToEquatableArray(),
            }).ToEquatableArray(),
        };

        InterfaceComparison comparison = InterfaceComparer.Compare(written, current, 0, HardwareProfile.Reference, new FallbackEngine(SolverOptions.Default), SolverOptions.Default, CancellationToken.None);
        // The solver finds no difference either, but the structural shortcut must: it saves a query per method per build.
        Assert.True(SameCost.Holds(written, current));
        Assert.True(SameCost.Holds(current, written));
        Assert.Null(comparison.Slower);
        Assert.Null(comparison.Faster);
    }
}
