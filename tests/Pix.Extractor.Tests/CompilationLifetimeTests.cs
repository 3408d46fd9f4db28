using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Model;
using Pix.Testing;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// What Pix keeps of a compilation once nobody else holds it: nothing that keeps it alive. The IDE makes a compilation
/// on every keystroke; Pix's per-compilation tables (bound bodies, callee records, bottom-up summaries, models) are
/// keyed weakly by it, and the cross-compilation cache keeps models and their dependencies by text, not by symbol
/// (docs/robustness.md, "Twenty-seventh session: what a second run's heap holds"). A strong reference from any of them
/// would make every later compilation's heap carry the earlier ones.
/// </summary>
[Collection(ProcessWideCacheCollection.Name)]
public class CompilationLifetimeTests
{
    private const string Source = Extraction.Usings + """
        public static class LifetimeC
        {
            [PerformanceInterface]
            public static long Run(int[] data)
            {
                long total = 0;
                for (int i = 0; i < data.Length; i++) { total += Step(data[i]); }
                return total;
            }

            private static int Step(int x) => x > 10 ? x * 3 : x + 1;
        }
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_extracted_compilation_is_collected_once_unreferenced(bool bottomUp)
    {
        // The defaults: reuse across compilations on, so the cross-compilation cache keeps this model.
        ExtractionOptions options = ExtractionOptions.Default with { BottomUpSummaries = bottomUp };
        (InterfaceModel model, WeakReference compilation) = ExtractOnce(options);

        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
        }

        Assert.False(compilation.IsAlive, "Pix keeps the compilation alive after the extraction");
        Assert.NotEmpty(model.Pieces);
    }

    // Not inlined: nothing of the compilation may stay reachable from the test's frame.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (InterfaceModel, WeakReference) ExtractOnce(ExtractionOptions options)
    {
        Compilation compilation = TestCompilation.Create(new[] { Source });
        TestCompilation.AssertNoErrors(compilation);
        INamedTypeSymbol type = compilation.Assembly.GetTypeByMetadataName("LifetimeC")!;
        IMethodSymbol run = (IMethodSymbol)type.GetMembers("Run")[0];
        InterfaceModel model = InterfaceExtractor.Extract(run, compilation, options, CancellationToken.None);
        return (model, new WeakReference(compilation));
    }
}
