using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Model;
using Pix.Testing;

namespace Pix.Extractor.Tests;

/// <summary>Bad, unusual or huge input: always a model (with gaps), never an exception.</summary>
public sealed class RobustnessTests
{
    [Theory]
    [InlineData("delegate call", "Func<int, int> f = x => x + 1; return f(n);")]
    [InlineData("goto", "int i = 0; again: i++; if (i < n) goto again; return i;")]
    [InlineData("try/catch", "try { return 10 / n; } catch (DivideByZeroException) { return 0; }")]
    [InlineData("dynamic", "dynamic d = n; return (int)(d + 1);")]
    [InlineData("unsafe", "unsafe { int* p = &n; return *p; }")]
    [InlineData("string interpolation", "return $\"{n}\".Length;")]
    public void Unsupported_constructs_produce_gaps_not_exceptions(string construct, string body)
    {
        InterfaceModel model = Extraction.Extract($"static class C {{ static readonly object Gate = new object(); public static int M(int n) {{ {body} }} }}", allowErrors: construct == "dynamic");
        Assert.NotEmpty(model.Pieces);
        Assert.Contains(model.Gaps, g => g.Construct.Contains(construct) || g.Reason.Contains(construct));
    }

    [Fact]
    public void Async_methods_and_iterators_produce_gaps()
    {
        InterfaceModel async = Extraction.Extract("static class C { public static async System.Threading.Tasks.Task<int> M(int n) { await System.Threading.Tasks.Task.Yield(); return n; } }");
        Assert.Contains(async.Gaps, g => g.Construct == "async method");
        Assert.Contains(async.Gaps, g => g.Construct == "await");
        InterfaceModel iterator = Extraction.Extract("static class C { public static IEnumerable<int> M(int n) { for (int i = 0; i < n; i++) yield return i; } }");
        Assert.Contains(iterator.Gaps, g => g.Construct == "iterator (yield)");
    }

    [Theory]
    [InlineData("static class C { public static int M(int n) { int s = 0; for (int i = 0; i < n; i++) { s += Missing(i); } return s }")]
    [InlineData("static class C { public static int M(UnknownType t, int n) { for (int i = 0; i < t.Count; i++) n += t[i]; return n; } }")]
    [InlineData("static class C { public static int M(int n) { int s = 0; for (int i = 0; i < ; i++) s += ; return s; } }")]
    [InlineData("static class C { public static int M(int n) { if (n > ) { return 1 } else while ( { } }")]
    public void Half_typed_code_still_yields_a_model(string source)
    {
        InterfaceModel model = Extraction.Extract(source, allowErrors: true);
        Assert.NotEmpty(model.Pieces);
        Assert.Equal(Guard.Always, model.Pieces.Last().When);
    }

    [Fact]
    public void Code_with_errors_has_a_gap_saying_so()
    {
        InterfaceModel model = Extraction.Extract("static class C { public static int M(int n) { return Missing(n) + 1; } }", allowErrors: true);
        Assert.Contains(model.Gaps, g => g.Construct == "code with errors");
    }

    [Fact]
    public void A_ten_thousand_deep_expression_does_not_overflow_the_stack()
    {
        // Left-nested: (((n + n) + n) + …), an expression tree 10,000 levels deep.
        string deep = string.Join(" + ", Enumerable.Repeat("n", 10_001));
        InterfaceModel model = Extraction.Extract($"static class C {{ public static int M(int n) {{ return {deep}; }} }}");
        Assert.NotEmpty(model.Pieces);
        // A limit of the analysis, reported like the operation budget (PIX0005, the budget diagnostic).
        Assert.Contains(model.Gaps, g => g.Construct == "deeply nested code" && g.Kind == GapKind.BudgetExceeded);
    }

    [Fact]
    public void A_long_flat_expression_is_fully_counted()
    {
        string flat = string.Join(" + ", Enumerable.Repeat("n", 150));
        InterfaceModel model = Extraction.Extract($"static class C {{ public static int M(int n) {{ return {flat}; }} }}");
        Assert.Empty(model.Gaps);
        Assert.Equal(149, model.Pieces.Single().Terms.Single().Block.CountOf(OperationClass.IntegerAlu));
    }

    [Fact]
    public void Exceeding_the_budget_gives_a_truncated_but_valid_model()
    {
        string statements = string.Concat(Enumerable.Range(0, 200).Select(i => $"s += n * {i};"));
        InterfaceModel model = Extraction.Extract($"static class C {{ public static int M(int n) {{ int s = 0; {statements} return s; }} }}",
            options: ExtractionOptions.Default with { MaxOperations = 300 });
        Gap gap = Assert.Single(model.Gaps);
        Assert.Equal(GapKind.BudgetExceeded, gap.Kind);
        Assert.True(model.Ns(("n", 1)) > 0);
    }

    [Fact]
    public void Two_extractions_are_equal()
    {
        const string source = @"static class C { public static int M(int[] a, int n, bool f, Dictionary<int, int> d) {
            int s = 0;
            if (f) { for (int i = 0; i < a.Length; i++) for (int j = 0; j < i; j++) s += a[j]; }
            else { foreach (var kv in d) s += kv.Value; }
            while (n > 0) { n >>= 1; s++; }
            return s + a.AsSpan().IndexOf(3); } }";
        InterfaceModel first = Extraction.Extract(source);
        InterfaceModel second = Extraction.Extract(source);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Cancellation_is_the_only_exception()
    {
        Compilation compilation = TestCompilation.Create(new[] { Extraction.Usings + "static class C { public static int M(int n) => n + 1; }" });
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            InterfaceExtractor.Extract(Extraction.FindMethod(compilation, "M"), compilation, ExtractionOptions.Default, cts.Token));
    }

    [Fact]
    public void Methods_without_a_body_become_an_opaque_term_with_a_gap()
    {
        InterfaceModel model = Extraction.Extract("abstract class C { public abstract int M(int n); }");
        Assert.Contains(model.Gaps, g => g.Kind == GapKind.UnsupportedConstruct);
        Assert.Single(model.Pieces.Single().Terms.Single().Block.Opaque);
    }

    [Fact]
    public void Provenance_is_on_every_term_quantity_and_gap()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(int[] a) {
            int s = 0;
            for (int i = 0; i < a.Length; i++) { if (a[i] == 7) break; s += a[i]; }
            return s + System.Environment.ProcessorCount; } }");
        Assert.All(model.Pieces.SelectMany(p => p.Terms), t => Assert.Equal("Test0.cs", t.Origin.FilePath));
        Term loop = model.TermAbout("loop over");
        Assert.Equal(4, loop.Origin.Line);
        Assert.Contains("for loop", loop.Origin.Construct);
        Assert.All(model.Pcvs, q => Assert.Equal(4, q.Origin!.Line));
        Gap gap = Assert.Single(model.Gaps);
        Assert.Equal(5, gap.Where.Line);
        Assert.Equal("M:C.M(System.Int32[])", model.MethodId);
        Assert.Equal("C.M(int[])", model.MethodName);
    }
}
