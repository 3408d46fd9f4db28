using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Extraction;
using Pix.Extraction.Caching;
using Pix.Model;
using Pix.Testing;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// Models reused from one compilation to the next (the IDE's keystroke case): reused exactly when
/// nothing the model depends on changed, extracted again otherwise. Each test uses type names of its
/// own, because the cache is shared by the whole test process.
/// </summary>
[Collection(ProcessWideCacheCollection.Name)]
public class CrossCompilationCacheTests
{
    // Resolution 0: the extractor's own cached (unmerged) instance comes back, so Assert.Same tells reuse.
    private static readonly ExtractionOptions Options = ExtractionOptions.Default with { DefaultResolution = 0 };

    private static string Caller(string name) => Extraction.Usings + $$"""
        public static class {{name}}
        {
            [PerformanceInterface]
            public static long Run(int[] data)
            {
                long total = 0;
                for (int i = 0; i < data.Length; i++) { total += {{name}}Helper.Step(data[i]); }
                return total;
            }
        }
        """;

    private static string Helper(string name, string body = "x * 3 + 1", int limit = 4) => Extraction.Usings + $$"""
        public static class {{name}}Helper
        {
            public const int Limit = {{limit}};
            public static long Step(int x) => {{body}};
        }
        """;

    private static string Unrelated(string name, int literal) => Extraction.Usings + $$"""
        public static class {{name}}Other
        {
            public static int Twice(int x) { return x * {{literal}}; }
        }
        """;

    private static CSharpCompilation Compile(params string[] sources) => TestCompilation.Create(sources);

    private static InterfaceModel Run(Compilation compilation, string type, ExtractionOptions? options = null)
    {
        IMethodSymbol method = compilation.GetTypeByMetadataName(type)!.GetMembers("Run").OfType<IMethodSymbol>().Single();
        return InterfaceExtractor.Extract(method, compilation, options ?? Options, CancellationToken.None);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string source) =>
        compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.ElementAt(index),
            CSharpSyntaxTree.ParseText(source, TestCompilation.ParseOptions, path: $"Test{index}.cs"));

    [Fact]
    public void A_body_edit_in_a_file_the_method_did_not_read_reuses_its_model()
    {
        CSharpCompilation before = Compile(Caller("Keep1"), Helper("Keep1"), Unrelated("Keep1", 2));
        CSharpCompilation after = Replace(before, 2, Unrelated("Keep1", 5));

        Assert.Same(Run(before, "Keep1"), Run(after, "Keep1"));
    }

    [Fact]
    public void The_same_text_parsed_again_reuses_the_model()
    {
        // A second build in the compiler server: new tree objects, same text.
        Assert.Same(Run(Compile(Caller("Again1"), Helper("Again1")), "Again1"), Run(Compile(Caller("Again1"), Helper("Again1")), "Again1"));
    }

    [Fact]
    public void A_body_edit_in_a_callee_is_seen()
    {
        CSharpCompilation before = Compile(Caller("Callee1"), Helper("Callee1"));
        CSharpCompilation after = Replace(before, 1, Helper("Callee1", body: "x / 3 + x / 5 + x / 7"));

        InterfaceModel old = Run(before, "Callee1");
        InterfaceModel current = Run(after, "Callee1");
        Assert.NotSame(old, current);
        Assert.True(current.Ns(("data.Length", 1000)) > old.Ns(("data.Length", 1000)), "three divisions cost more than a multiply-add");
        Assert.Equal(Run(Compile(Caller("Callee1"), Helper("Callee1", body: "x / 3 + x / 5 + x / 7")), "Callee1", Options with { ReuseAcrossCompilations = false }), current);
    }

    [Fact]
    public void A_declaration_edit_anywhere_is_seen()
    {
        // The loop bound is a constant declared in another file: no body changes, the model must.
        string caller = Extraction.Usings + """
            public static class Decl1
            {
                [PerformanceInterface]
                public static long Run(int[] data)
                {
                    long total = 0;
                    for (int i = 0; i < Decl1Helper.Limit; i++) { total += data[i] * 7; }
                    return total;
                }
            }
            """;
        CSharpCompilation before = Compile(caller, Helper("Decl1", limit: 4));
        CSharpCompilation after = Replace(before, 1, Helper("Decl1", limit: 400));

        // 100x the iterations; the fixed cost of the call keeps the ratio a little under 100.
        Assert.InRange(Run(after, "Decl1").Ns() / Run(before, "Decl1").Ns(), 80, 100);
    }

    [Fact]
    public void An_edit_in_the_method_s_own_file_extracts_it_again()
    {
        CSharpCompilation before = Compile(Caller("Own1"), Helper("Own1"));
        CSharpCompilation after = Replace(before, 0, "// a comment above\n" + Caller("Own1"));

        InterfaceModel current = Run(after, "Own1");
        Assert.NotSame(Run(before, "Own1"), current);
        Assert.Equal(Run(before, "Own1").Origin.Line + 1, current.Origin.Line);
    }

    [Fact]
    public void A_reference_removed_changes_the_fingerprint()
    {
        CSharpCompilation before = Compile(Caller("Ref1"), Helper("Ref1"));
        MetadataReference unused = before.References.First(r => r.Display?.Contains("System.Xml") == true);
        CSharpCompilation after = before.RemoveReferences(unused);

        Assert.NotEqual(DeclarationFingerprint.Of(before), DeclarationFingerprint.Of(after));
        Assert.NotSame(Run(before, "Ref1"), Run(after, "Ref1"));
    }

    [Fact]
    public void An_accessor_body_starting_to_use_the_field_keyword_changes_the_fingerprint()
    {
        // C# 14: `field` in an accessor gives the property a backing field, changing its struct's layout for every
        // other body; any other accessor body edit keeps the fingerprint.
        const string Before = "struct S { private int _v; public int V { get { return _v; } set { _v = value; } } }";
        CSharpCompilation compilation = Compile(Before);
        CSharpCompilation otherEdit = Replace(compilation, 0, Before.Replace("return _v;", "return _v + 0;"));
        CSharpCompilation usesField = Replace(compilation, 0, Before.Replace("set { _v = value; }", "set { field = value; }"));

        Assert.Equal(DeclarationFingerprint.Of(compilation), DeclarationFingerprint.Of(otherEdit));
        Assert.NotEqual(DeclarationFingerprint.Of(compilation), DeclarationFingerprint.Of(usesField));
    }

    [Fact]
    public void Comments_and_formatting_outside_bodies_keep_the_fingerprint_but_signatures_do_not()
    {
        CSharpCompilation compilation = Compile(Helper("Print1"));
        CSharpCompilation reformatted = Replace(compilation, 0, "/* header */\n" + Helper("Print1").Replace("public static long Step", "public   static long\n Step"));
        CSharpCompilation resigned = Replace(compilation, 0, Helper("Print1").Replace("long Step(int x)", "long Step(long x)"));

        Assert.Equal(DeclarationFingerprint.Of(compilation), DeclarationFingerprint.Of(reformatted));
        Assert.NotEqual(DeclarationFingerprint.Of(compilation), DeclarationFingerprint.Of(resigned));
    }

    [Fact]
    public void Pix_generated_files_are_not_part_of_the_fingerprint()
    {
        // The generator's compilation lacks them and the analyzers' has them; both must share models.
        CSharpCompilation generatorInput = Compile(Caller("Gen1"), Helper("Gen1"));
        CSharpCompilation withOutput = generatorInput.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "public static partial class Gen1Companions { public static double LatencyOf_X() => 1; }", TestCompilation.ParseOptions, path: "Gen1.Pix.g.cs"));

        Assert.Equal(DeclarationFingerprint.Of(generatorInput), DeclarationFingerprint.Of(withOutput));
        Assert.Same(Run(generatorInput, "Gen1"), Run(withOutput, "Gen1"));
    }

    [Fact]
    public void Models_of_code_with_errors_are_not_reused()
    {
        string broken = Caller("Err1").Replace("total += Err1Helper.Step(data[i]);", "total += Err1Helper.Missing(data[i]);");
        CSharpCompilation before = Compile(broken, Helper("Err1"));
        CSharpCompilation after = Replace(before, 1, Helper("Err1"));

        Assert.NotSame(Run(before, "Err1"), Run(after, "Err1"));
    }

    [Fact]
    public void Reuse_can_be_turned_off()
    {
        ExtractionOptions fresh = Options with { ReuseAcrossCompilations = false };
        InterfaceModel first = Run(Compile(Caller("Off1"), Helper("Off1")), "Off1", fresh);
        InterfaceModel second = Run(Compile(Caller("Off1"), Helper("Off1")), "Off1", fresh);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_merged_model_is_the_reused_model_merged_again()
    {
        // Extract caches at resolution 0 and merges per call: both routes must give the same model.
        CSharpCompilation compilation = Compile(Caller("Merge1"), Helper("Merge1"));
        InterfaceModel merged = Run(compilation, "Merge1", ExtractionOptions.Default with { DefaultResolution = 0.25 });
        Assert.Equal(ResolutionMerger.Apply(Run(compilation, "Merge1"), 0.25), merged);
    }

    [Fact]
    public void Only_a_bounded_number_of_fingerprints_is_kept()
    {
        for (int i = 0; i < FingerprintedStore<string, string>.MaxGenerations + 3; i++)
        {
            Run(Compile(Caller("Bound" + i), Helper("Bound" + i)), "Bound" + i);
        }

        Assert.InRange(CrossCompilationCache.GenerationCount, 1, FingerprintedStore<string, string>.MaxGenerations);
    }
}
