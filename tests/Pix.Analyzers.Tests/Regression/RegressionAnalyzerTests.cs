using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Pix.Extraction;
using Pix.Model;
using Pix.Serialization;
using Pix.Testing;
using Verifier = Pix.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Pix.Analyzers.Regression.RegressionAnalyzer>;

namespace Pix.Analyzers.Tests.Regression;

public sealed class RegressionAnalyzerTests
{
    private const string V1 = """
        using Pix;

        public static partial class Checks
        {
            [PerformanceInterface]
            public static int Sum(int[] data)
            {
                int s = 0;
                for (int i = 0; i < data.Length; i++) s += data[i];
                return s;
            }
        }
        """;

    /// <summary>The baseline file a build of <paramref name="source"/> would commit.</summary>
    private static string BaselineOf(string source)
    {
        // Create(string) would bind to Create(assemblyName, params sources): pass the source as an array.
        Compilation compilation = TestCompilation.Create(new[] { source });
        var entries = compilation.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>()
                .Select(m => (IMethodSymbol)compilation.GetSemanticModel(t).GetDeclaredSymbol(m)!))
            .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.Name == "PerformanceInterfaceAttribute"))
            .Select(m =>
            {
                SyntaxReference r = m.DeclaringSyntaxReferences[0];
                var span = r.SyntaxTree.GetLineSpan(r.Span);
                return new BaselineEntry(
                    InterfaceExtractor.Extract(m, compilation, ExtractionOptions.Default, CancellationToken.None),
                    new SourceInfo(r.SyntaxTree.FilePath, r.Span.Start, r.Span.Length, span.StartLinePosition.Line + 1, span.EndLinePosition.Line + 1,
                        SourceInfo.HashOf(r.GetSyntax().ToFullString())));
            });
        return BaselineWriter.Write(Baseline.Create(entries));
    }

    private static Task Verify(string source, string baseline, params DiagnosticResult[] expected)
    {
        var test = new Verifier.Test { TestCode = source };
        test.TestState.AdditionalFiles.Add(("pix.baseline.json", baseline));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Unchanged_method_is_silent() => Verify(V1, BaselineOf(V1));

    [Fact]
    public Task More_work_per_element_is_PIX0200_with_a_witness() => Verify("""
        using Pix;

        public static partial class Checks
        {
            [PerformanceInterface]
            public static int {|#0:Sum|}(int[] data)
            {
                int s = 0;
                for (int i = 0; i < data.Length; i++) s += data[i] * data[i] / 7 + data[i] % 13;
                return s;
            }
        }
        """, BaselineOf(V1), Verifier.Diagnostic("PIX0200").WithLocation(0).WithArguments(
            "Checks.Sum(int[])", "10%", "data.Length = 1: 0.91 ns → 3.37 ns (+270%) on the reference profile", ""));

    [Fact]
    public Task A_linear_scan_turned_quadratic_is_PIX0200_and_PIX0201() => Verify("""
        using Pix;

        public static partial class Checks
        {
            [PerformanceInterface]
            public static int {|#0:Sum|}(int[] data)
            {
                int s = 0;
                for (int i = 0; i < data.Length; i++)
                    for (int j = 0; j < data.Length; j++) s += data[j];
                return s;
            }
        }
        """, BaselineOf(V1),
        Verifier.Diagnostic("PIX0200").WithLocation(0).WithArguments(
            "Checks.Sum(int[])", "10%", "data.Length = 1: 0.91 ns → 1.55 ns (+70%) on the reference profile", ""),
        Verifier.Diagnostic("PIX0201").WithLocation(0).WithArguments("Checks.Sum(int[])", "O(n) → O(n²) in data.Length"));

    [Fact]
    public Task Less_work_is_PIX0204() => Verify(V1, BaselineOf("""
        using Pix;

        public static partial class Checks
        {
            [PerformanceInterface]
            public static int Sum(int[] data)
            {
                int s = 0;
                for (int i = 0; i < data.Length; i++) s += data[i] * data[i] / 7 + data[i] % 13;
                return s;
            }
        }
        """), Verifier.Diagnostic("PIX0204").WithSpan(6, 23, 6, 26).WithArguments(
            "Checks.Sum(int[])", "10%", "data.Length = 1: 3.37 ns → 0.91 ns (−73%) on the reference profile"));

    [Fact]
    public Task Method_missing_from_the_baseline_is_PIX0202() => Verify("""
        using Pix;

        public static partial class Checks
        {
            [PerformanceInterface]
            public static int {|PIX0202:Sum|}(int[] data) => data.Length;
        }
        """, "{\"methods\": {}, \"schema\": \"pix.baseline\", \"version\": 1}\n");

    [Fact]
    public Task A_malformed_baseline_is_PIX0203_at_its_position() => Verify("""
        using Pix;

        public static partial class Checks
        {
            [PerformanceInterface]
            public static int {|PIX0202:Sum|}(int[] data) => data.Length;
        }
        """, "{\n  \"schema\": \"pix.baseline\",\n  \"version\": 1,\n  \"methods\": {\n    \"M:Checks.Sum(System.Int32[])\": 42\n  }\n}\n",
        new DiagnosticResult("PIX0203", DiagnosticSeverity.Error).WithSpan("pix.baseline.json", 5, 37, 5, 37));

    [Fact]
    public Task A_baseline_of_another_version_is_PIX0203_and_methods_are_reported_missing() => Verify("""
        using Pix;

        public static partial class Checks
        {
            [PerformanceInterface]
            public static int {|#0:Sum|}(int[] data) => data.Length;
        }
        """, "{\"schema\": \"pix.baseline\", \"version\": 99, \"methods\": {}}",
        Verifier.Diagnostic("PIX0202").WithLocation(0).WithArguments("Checks.Sum(int[])", "pix.baseline.json"),
        new DiagnosticResult("PIX0203", DiagnosticSeverity.Error).WithSpan("pix.baseline.json", 1, 39, 1, 39));
}
