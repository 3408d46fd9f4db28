using System.Linq;
using Microsoft.CodeAnalysis;
using Pix.Generator.Tests.Infrastructure;

namespace Pix.Generator.Tests;

/// <summary>
/// When the extractor fails on one method (a Pix bug, reported by the analyzers as PIX0006), the
/// generator emits no companion for it and keeps every other method's.
/// </summary>
public sealed class InternalErrorTests
{
    [Fact]
    public void A_method_pix_failed_on_gets_no_companion_and_the_others_keep_theirs()
    {
        Compilation input = Pix.Testing.TestCompilation.CreateNamed(
            "InternalError",
            "public static partial class C { [Pix.PerformanceInterface] public static int FailsInsidePixToo(int n) => n; [Pix.PerformanceInterface] public static int Fine(int n) => n; }");
        Pix.Extraction.InterfaceExtractor.FaultForTesting = m =>
        {
            if (m.Name == "FailsInsidePixToo")
            {
                throw new System.InvalidOperationException("injected by the test");
            }
        };
        try
        {
            (Compilation output, GeneratorRunResult run) = GeneratorRunner.Run(input);
            Assert.Null(run.Exception);
            string generated = run.GeneratedSources.Single().SourceText.ToString();
            Assert.Contains("LatencyOf_Fine(", generated);
            Assert.DoesNotContain("LatencyOf_FailsInsidePixToo", generated);
            Compile.AssertGeneratedClean(output);
        }
        finally
        {
            Pix.Extraction.InterfaceExtractor.FaultForTesting = null;
        }
    }
}
