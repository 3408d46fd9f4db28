using System;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Extraction;
using Pix.Model;
using Pix.Testing;

namespace Pix.Robustness.Tests;

/// <summary>
/// Inputs a compiler meets in the wild and an extractor must survive: huge and deeply nested
/// (machine-generated) methods, code being typed, compilations without references. Each must give a
/// model, never an exception, and an oversize method must say so with a BudgetExceeded gap. Time is
/// bounded by the budget, which these tests assert on, not by a wall clock.
/// </summary>
public sealed class HostileInputTests
{
    private const int OneMegabyte = 1024 * 1024;

    [Fact]
    public void A_ten_thousand_statement_method_stops_at_the_budget_with_a_gap()
    {
        var body = new StringBuilder();
        for (int k = 0; k < 10_000; k++)
        {
            body.Append("        acc = acc * 31 + data[").Append(k % 7).Append("] + n;\n");
        }

        Compilation compilation = TestCompilation.CreateNamed("Huge", Method("long Huge(int n, int[] data) { long acc = 0;\n" + body + "        return acc; }"));
        TestCompilation.AssertNoErrors(compilation);

        InterfaceModel model = ExtractOnSmallStack(compilation, "Huge", ExtractionOptions.Default with { MaxOperations = 20_000 });

        Assert.Contains(model.Gaps, g => g.Kind == GapKind.BudgetExceeded);
        AssertPriceable(model);
    }

    [Fact]
    public void An_expression_nested_ten_thousand_deep_does_not_overflow_a_one_megabyte_stack()
    {
        // The shape generated code produces: a left-nested chain n + n * 3 + n * 3 + … (10,000 operators deep).
        var expression = new StringBuilder("n");
        for (int k = 0; k < 10_000; k++)
        {
            expression.Append(k % 2 == 0 ? " + n * 3" : " - n");
        }

        Compilation compilation = TestCompilation.CreateNamed("Deep", Method("long Deep(long n) => " + expression + ";"));
        TestCompilation.AssertNoErrors(compilation);

        InterfaceModel model = ExtractOnSmallStack(compilation, "Deep", ExtractionOptions.Default);

        // Deeper than ExtractionOptions.MaxNestingDepth: the rest is one opaque term, and a budget gap says so
        // (a depth limit of the analysis, like the operation budget: GapKind.BudgetExceeded covers "size or depth").
        Assert.Contains(model.Gaps, g => g.Kind == GapKind.BudgetExceeded && g.Construct == "deeply nested code");
        AssertPriceable(model);
    }

    [Theory]
    [InlineData("int Typing(int n) { int s = 0; for (int i = 0; i < n; i++) { s += Foo(i")]
    [InlineData("int Typing(int n) { for (var i = 0; i < ; i++) { } return n; }")]
    [InlineData("int Typing(int n) { var x = new Unknown<int>(n); x.Run(n, ); while (x.) { } return x; }")]
    [InlineData("int Typing(int n) { switch (n) { case 1: return; case : default } }")]
    [InlineData("int Typing(int n) { if (n is { Length: > 3 } or [1, .., var z]) return z + ; return n.Missing(); }")]
    [InlineData("int Typing(int n) { return n > 0 ? Typing(n - 1) + : 0; }")]
    public void Half_typed_code_still_gives_a_model(string method)
    {
        Compilation compilation = TestCompilation.CreateNamed("Typing", Method(method));
        Assert.Contains(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);

        InterfaceModel model = ExtractOnSmallStack(compilation, "Typing", ExtractionOptions.Default);

        AssertPriceable(model);
    }

    [Fact]
    public void A_compilation_without_any_reference_still_gives_a_model()
    {
        // Not even System.Runtime: every type is an error type, the way a project looks while restoring.
        Compilation compilation = CSharpCompilation.Create(
            "NoReferences",
            [CSharpSyntaxTree.ParseText(Method("int Sum(int[] data, int n) { int s = 0; foreach (var x in data) s += x * n; for (int i = 0; i < n; i++) s ^= data[i]; return s + string.Concat(\"a\", \"b\").Length; }"), TestCompilation.ParseOptions)],
            references: [],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        InterfaceModel model = ExtractOnSmallStack(compilation, "Sum", ExtractionOptions.Default);

        AssertPriceable(model);
    }

    private static string Method(string method) => "public static partial class Hostile\n{\n    public static " + method + "\n}\n";

    /// <summary>
    /// Extracts on a thread with a 1 MB stack, what a compiler or IDE worker thread has: a recursion
    /// that only fits the test runner's larger main stack would crash the process here.
    /// </summary>
    private static InterfaceModel ExtractOnSmallStack(Compilation compilation, string name, ExtractionOptions options)
    {
        IMethodSymbol method = compilation.GetTypeByMetadataName("Hostile")!.GetMembers(name).OfType<IMethodSymbol>().Single();
        InterfaceModel? model = null;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    model = InterfaceExtractor.Extract(method, compilation, options, CancellationToken.None);
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            maxStackSize: OneMegabyte);
        thread.Start();
        thread.Join();

        Assert.Null(failure);
        return model!;
    }

    /// <summary>The model prices to a finite, non-negative latency for a spread of input values.</summary>
    private static void AssertPriceable(InterfaceModel model)
    {
        Assert.NotEmpty(model.Pieces);
        foreach (double value in new double[] { 0, 1, 1_000, 1e9 })
        {
            var values = model.Quantities.ToDictionary(q => q.Name, q => q.Kind == QuantityKind.Flag ? Math.Min(value, 1) : value);
            double ns = ModelEvaluator.Evaluate(model, values, HardwareProfile.Reference).Nanoseconds;
            Assert.True(double.IsFinite(ns) && ns >= 0, $"{ns} ns at {value} for {model.MethodName}");
        }
    }
}
