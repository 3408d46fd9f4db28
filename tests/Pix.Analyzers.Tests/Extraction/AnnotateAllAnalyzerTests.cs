using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Analyzers.Extraction;
using Pix.Testing;

namespace Pix.Analyzers.Tests.Extraction;

/// <summary>
/// <c>PixAnnotateAll=true</c>: the gap analyzer reports on every method the generator then gives a
/// companion, exactly as on an annotated one; off, only annotated methods; never on types that are not
/// partial (no PIX0001 flood in a survey).
/// </summary>
public sealed class AnnotateAllAnalyzerTests
{
    private const string Source = """
        using Pix;
        public sealed class Node { public Node? Next; }
        public static partial class Lists
        {
            [PerformanceInterface]
            public static int Annotated(Node? head)
            {
                int n = 0;
                for (Node? p = head; p is not null; p = p.Next) n++;
                return n;
            }

            public static int NotAnnotated(Node? head)
            {
                int n = 0;
                for (Node? p = head; p is not null; p = p.Next) n++;
                return n;
            }
        }

        public static class NotPartial
        {
            public static int Walk(Node? head)
            {
                int n = 0;
                for (Node? p = head; p is not null; p = p.Next) n++;
                return n;
            }
        }
        """;

    [Theory]
    [InlineData(null, new[] { "Annotated" })]
    [InlineData("false", new[] { "Annotated" })]
    [InlineData("true", new[] { "Annotated", "NotAnnotated" })]
    public async Task Gaps_are_reported_on_the_methods_the_generator_gives_companions(string? annotateAll, string[] expected)
    {
        ImmutableArray<Diagnostic> diagnostics = await Analyze(annotateAll, new InterfaceGapAnalyzer(), new MethodSupportAnalyzer());

        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "PIX0006" or "PIX0001" or "PIX0003");
        string[] flagged = diagnostics.Where(d => d.Id == "PIX0004")
            .Select(d => d.Location.SourceTree!.GetRoot().FindNode(d.Location.SourceSpan).AncestorsAndSelf()
                .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().First().Identifier.ValueText)
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(expected, flagged);
    }

    private static async Task<ImmutableArray<Diagnostic>> Analyze(string? annotateAll, params DiagnosticAnalyzer[] analyzers)
    {
        Compilation compilation = TestCompilation.CreateNamed("AnnotateAll", Source);
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, GlobalAnalyzerConfig.FromBuildProperties(("PixAnnotateAll", annotateAll)));
        return await compilation.WithAnalyzers(ImmutableArray.Create(analyzers), options).GetAnalyzerDiagnosticsAsync();
    }
}
