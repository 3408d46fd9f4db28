using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Model;
using Pix.Testing;

namespace Pix.Extractor.Tests;

/// <summary>
/// A call to a [Conditional] method is removed by the compiler, arguments and all, where its symbol is not
/// defined (MethodAnalyzer.ConditionalCalls.cs): the interface prices the code the compilation emits.
/// </summary>
public sealed class ConditionalCallTests
{
    private const string Asserting = @"static class C { public static long M(int[] data) {
        System.Diagnostics.Debug.Assert(data.Length > 0, ""empty: "" + data.Length.ToString());
        long s = 0; for (int i = 0; i < data.Length; i++) s += data[i]; return s; } }";

    private const string Plain = @"static class C { public static long M(int[] data) {
        long s = 0; for (int i = 0; i < data.Length; i++) s += data[i]; return s; } }";

    [Fact]
    public void Without_DEBUG_a_Debug_Assert_costs_nothing()
    {
        InterfaceModel model = Extraction.Extract(Asserting);

        Assert.Empty(model.Gaps);
        Assert.Equal(Extraction.Extract(Plain).Ns(("data.Length", 100)), model.Ns(("data.Length", 100)), 9);
    }

    [Fact]
    public void With_DEBUG_defined_the_call_and_its_arguments_are_analysed()
    {
        InterfaceModel model = ExtractWithDirectives("#define DEBUG\n", Asserting);

        Assert.Contains(model.Gaps, g => g.Construct.Contains("Debug.Assert"));
        Assert.True(model.Ns(("data.Length", 100), ("concatSize", 10)) > Extraction.Extract(Plain).Ns(("data.Length", 100)));
    }

    [Fact]
    public void A_source_method_marked_Conditional_follows_its_own_symbol_and_undef()
    {
        const string source = @"static class C {
            [System.Diagnostics.Conditional(""PIX_TRACE"")] static void Trace(int[] data) { for (int i = 0; i < data.Length; i++) data[i]++; }
            public static int M(int[] data) { Trace(data); return data.Length; } }";

        InterfaceModel removed = ExtractWithDirectives("#define PIX_TRACE\n#undef PIX_TRACE\n", source);
        InterfaceModel kept = ExtractWithDirectives("#define PIX_TRACE\n", source);

        Assert.Single(removed.Pieces.Single().Terms);
        Assert.Equal(2, kept.Pieces.Single().Terms.Count);
    }

    private static InterfaceModel ExtractWithDirectives(string directives, string source)
    {
        Compilation compilation = TestCompilation.Create(new[] { directives + Extraction.Usings + source });
        TestCompilation.AssertNoErrors(compilation);
        return InterfaceExtractor.Extract(Extraction.FindMethod(compilation, "M"), compilation, ExtractionOptions.Default, CancellationToken.None);
    }
}
