using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Extraction;
using Pix.Model;
using Pix.Testing;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// A caller's model depends on the body of every throw helper the rule read for it (Analysis/ThrowingMethods.cs),
/// though the analysis never walks a helper that throws: edit the helper so that it returns, and the caller's
/// interface must change. Checked through each cache that keeps what an extraction read: the cross-compilation
/// cache, callee summaries replayed within a compilation, and summaries composed bottom-up. Each test fails
/// without its hook (the dependency recorded, the replayed event applied, the frame's reads composed).
/// </summary>
[Collection(ProcessWideCacheCollection.Name)]
public sealed class ThrowHelperDependencyTests
{
    private static readonly ExtractionOptions Options = ExtractionOptions.Default with { DefaultResolution = 0 };

    private const string Throws = """throw new ArgumentOutOfRangeException(nameof(n), n, $"{n} is negative.");""";

    /// <summary>
    /// <c>Top1</c> and <c>Top2</c> call <c>Mid</c>, whose argument check ends in <c>Fail</c>, which ends in
    /// <c>Throw</c> (body <paramref name="throwBody"/>); <c>Other</c>'s body is <paramref name="other"/>.
    /// </summary>
    private static string File(string name, string throwBody = Throws, string other = "return x * 2;") => Extraction.Usings + $$"""
        public static class {{name}}
        {
            public static int Other(int x) { {{other}} }

            public static long Top1(int[] data, int n) => Mid(data, n) + 1;

            public static long Top2(int[] data, int n) => Mid(data, n) + 2;

            private static long Mid(int[] data, int n)
            {
                if (n < 0) Fail(n);
                long s = 0;
                for (int i = 0; i < n; i++) s += data[i];
                return s;
            }

            private static void Fail(int n) => Throw(n);

            private static void Throw(int n) { {{throwBody}} }
        }
        """;

    [Fact]
    public void A_helper_edited_to_return_extracts_its_callers_again()
    {
        CSharpCompilation before = TestCompilation.Create(File("Edited1"));
        CSharpCompilation after = Replace(before, File("Edited1", throwBody: "n++;"));

        InterfaceModel first = Run(before, "Edited1", "Top1");
        (InterfaceModel model, int extracted) = Counting(after, "Edited1", "Top1");

        Assert.Single(first.Pieces);
        Assert.Equal(1, extracted);
        Assert.Equal(2, model.Pieces.Count);
        Assert.Equal(Run(after, "Edited1", "Top1", Fresh(Options)), model);
    }

    [Fact]
    public void An_edit_in_a_body_no_helper_reaches_keeps_the_model()
    {
        CSharpCompilation before = TestCompilation.Create(File("Kept1"));
        CSharpCompilation after = Replace(before, File("Kept1", other: "return x * 2 + x / 3;"));

        Run(before, "Kept1", "Top1");
        (InterfaceModel model, int extracted) = Counting(after, "Kept1", "Top1");

        Assert.Equal(0, extracted);
        Assert.Equal(Run(after, "Kept1", "Top1", Fresh(Options)), model);
    }

    [Fact]
    public void A_caller_that_replayed_the_callee_depends_on_the_helper_too()
    {
        // Top2 takes Mid's recorded analysis from Top1's extraction: the record must carry the bodies read.
        CSharpCompilation before = TestCompilation.Create(File("Replayed1"));
        CSharpCompilation after = Replace(before, File("Replayed1", throwBody: "n++;"));

        Run(before, "Replayed1", "Top1");
        InterfaceModel first = Run(before, "Replayed1", "Top2");
        (InterfaceModel model, int extracted) = Counting(after, "Replayed1", "Top2");

        Assert.Single(first.Pieces);
        Assert.Equal(1, extracted);
        Assert.Equal(Run(after, "Replayed1", "Top2", Fresh(Options)), model);
    }

    [Fact]
    public void A_caller_that_took_a_summary_composed_bottom_up_depends_on_the_helper_too()
    {
        ExtractionOptions bottomUp = Options with { BottomUpSummaries = true };
        CSharpCompilation before = TestCompilation.Create(File("Composed1"));
        CSharpCompilation after = Replace(before, File("Composed1", throwBody: "n++;"));

        Run(before, "Composed1", "Top1", bottomUp);
        InterfaceModel first = Run(before, "Composed1", "Top2", bottomUp);
        (InterfaceModel model, int extracted) = Counting(after, "Composed1", "Top2", bottomUp);

        Assert.Single(first.Pieces);
        Assert.Equal(1, extracted);
        Assert.Equal(Run(after, "Composed1", "Top2", Fresh(bottomUp)), model);
    }

    private static ExtractionOptions Fresh(ExtractionOptions options) => options with { ReuseAcrossCompilations = false, ReuseCalleeSummaries = false };

    private static InterfaceModel Run(Compilation compilation, string type, string method, ExtractionOptions? options = null)
    {
        IMethodSymbol symbol = compilation.GetTypeByMetadataName(type)!.GetMembers(method).OfType<IMethodSymbol>().Single();
        return InterfaceExtractor.Extract(symbol, compilation, options ?? Options, CancellationToken.None);
    }

    /// <summary>The model of <c>type.method</c>, and how many times that method was analysed for it (0: reused).</summary>
    internal static (InterfaceModel Model, int Extracted) Counting(Compilation compilation, string type, string method, ExtractionOptions? options = null)
    {
        int extracted = 0;
        InterfaceExtractor.ExtractedForTesting = m =>
        {
            if (m.ContainingType.Name == type && m.Name == method)
            {
                Interlocked.Increment(ref extracted);
            }
        };
        try
        {
            TestCompilation.AssertNoErrors(compilation);
            return (Run(compilation, type, method, options), extracted);
        }
        finally
        {
            InterfaceExtractor.ExtractedForTesting = null;
        }
    }

    internal static CSharpCompilation Replace(CSharpCompilation compilation, string source) =>
        compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(source, TestCompilation.ParseOptions, path: compilation.SyntaxTrees.Single().FilePath));
}
