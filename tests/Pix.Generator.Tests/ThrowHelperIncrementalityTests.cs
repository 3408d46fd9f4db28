using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Generator.Tests.Infrastructure;

namespace Pix.Generator.Tests;

/// <summary>
/// A throw helper's body decides its callers' interfaces (src/Pix.Extractor/Extraction/Analysis/ThrowingMethods.cs):
/// the way that calls one is not part of the interface while it throws. Edit the helper so that it returns, in
/// an IDE's next generator pass, and the caller's generated interface must change, though the caller's own
/// text did not.
/// </summary>
[Collection(ProcessWideCacheCollection.Name)]
public sealed class ThrowHelperIncrementalityTests
{
    private static string Source(string failBody) => $$"""
        using Pix;
        namespace Demo
        {
            public static partial class Checked
            {
                [PerformanceInterface]
                public static long Sum(int[] values, int n)
                {
                    if (n < 0) Fail(n);
                    long sum = 0;
                    for (int i = 0; i < n; i++) sum += values[i];
                    return sum;
                }

                private static void Fail(int n) { {{failBody}} }
            }
        }
        """;

    [Fact]
    public void Editing_a_throw_helper_so_that_it_returns_changes_its_caller_s_interface()
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "ThrowHelperEdit",
            new[] { CSharpSyntaxTree.ParseText(Source("throw new System.ArgumentOutOfRangeException(nameof(n));"), Pix.Testing.TestCompilation.ParseOptions, path: "Checked.cs") },
            Pix.Testing.TestCompilation.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Source("System.Console.WriteLine(n);"))));

        GeneratorDriver driver = GeneratorRunner.CreateDriver(Pix.Testing.TestCompilation.ParseOptions).RunGenerators(compilation);
        string before = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();
        driver = driver.RunGenerators(edited);
        GeneratorRunResult second = driver.GetRunResult().Results.Single();
        string after = second.GeneratedSources.Single().SourceText.ToString();

        Assert.Null(second.Exception);
        Assert.Single(second.TrackedSteps[TrackingNames.Extracted].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        // Before: the check's way that throws is not part of the interface; after: the call to Fail is a way of its own.
        Assert.DoesNotContain("n < 0", before, StringComparison.Ordinal);
        Assert.Contains("n < 0", after, StringComparison.Ordinal);
    }
}
