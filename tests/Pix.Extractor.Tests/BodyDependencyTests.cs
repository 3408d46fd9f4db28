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
/// The cross-compilation cache at the granularity of bodies (the IDE's keystroke): a model depends on
/// the declarations whose bodies its extraction read, not on their whole files, so an edit in another
/// body of the same file keeps it, moved if the edit came before it. The invariant checked by every
/// test: the model a compilation gets, reused or not, equals a fresh extraction there. Main kept a
/// model only while every file it read had the same text; the tests that say "main" fail there.
/// </summary>
[Collection(ProcessWideCacheCollection.Name)]
public class BodyDependencyTests
{
    // Resolution 0: the extractor's own cached (unmerged) model comes back.
    private static readonly ExtractionOptions Options = ExtractionOptions.Default with { DefaultResolution = 0 };

    // No reuse of any kind: what the compilation gives when nothing was extracted before.
    private static readonly ExtractionOptions Fresh = Options with { ReuseAcrossCompilations = false, ReuseCalleeSummaries = false };

    /// <summary>A file with a method to extract between two others whose bodies the tests edit.</summary>
    private static string File(string name, string earlier = "return x * 2;", string later = "return x + 1;", string above = "") => Extraction.Usings + above + $$"""
        public static class {{name}}
        {
            public static int Earlier(int x) { {{earlier}} }

            [PerformanceInterface]
            public static long Run(int[] data)
            {
                long total = 0;
                for (int i = 0; i < data.Length; i++) { total += Step(data[i]); }
                return total;
            }

            [PerformanceInterface]
            public static int Plain(int a, int b) { return a * b + a / b; }

            [PerformanceInterface]
            public static int Scan(int[] data)
            {
                int i = 0;
                while (data[i] != 0) { i++; }
                return i;
            }

            private static long Step(int x) => x * 3 + 1;

            public static int Later(int x) { {{later}} }
        }
        """;

    [Fact]
    public void An_edit_in_a_later_body_of_the_same_file_keeps_the_model()
    {
        // Main: the file's text changed, so Run was extracted again.
        CSharpCompilation before = TestCompilation.Create(File("Later1"));
        CSharpCompilation after = Replace(before, 0, File("Later1", later: "return x + 1 + x * x;"));

        InterfaceModel first = Run(before, "Later1");
        (InterfaceModel model, int extracted) = Counting(after, "Later1");

        Assert.Equal(0, extracted);
        Assert.Same(first, model);
        Assert.Equal(Run(after, "Later1", options: Fresh), model);
    }

    [Fact]
    public void An_edit_in_an_earlier_body_on_the_same_lines_relocates_the_model()
    {
        // Main: extracted again. Here the model is kept and its provenance moved by the edit's length.
        const string Longer = "return x * 2 + x / 7;";
        CSharpCompilation before = TestCompilation.Create(File("Earlier1"));
        CSharpCompilation after = Replace(before, 0, File("Earlier1", earlier: Longer));

        InterfaceModel first = Run(before, "Earlier1");
        (InterfaceModel model, int extracted) = Counting(after, "Earlier1");

        Assert.Equal(0, extracted);
        Assert.Equal(first.Origin.Start + Longer.Length - "return x * 2;".Length, model.Origin.Start);
        Assert.All(model.Pieces.SelectMany(p => p.Terms), t => Assert.NotEqual(first.Origin.Start, t.Origin.Start));
        Assert.Equal(Run(after, "Earlier1", options: Fresh), model);
    }

    [Fact]
    public void Local_functions_and_lambdas_added_to_an_earlier_body_do_not_shift_the_declarations_after_it()
    {
        // Declarations are numbered outside bodies only, so Run keeps its ordinal and is relocated. Main: extracted again.
        const string Nested = "int Local(int y) => y + 1; Func<int, int> twice = v => v * 2; return twice(Local(x));";
        CSharpCompilation before = TestCompilation.Create(File("Nested1"));
        CSharpCompilation after = Replace(before, 0, File("Nested1", earlier: Nested));

        InterfaceModel first = Run(before, "Nested1");
        (InterfaceModel model, int extracted) = Counting(after, "Nested1");

        Assert.Equal(0, extracted);
        Assert.Equal(first.Origin.Start + Nested.Length - "return x * 2;".Length, model.Origin.Start);
        Assert.Equal(Run(after, "Nested1", options: Fresh), model);
    }

    [Fact]
    public void An_edit_that_adds_lines_before_a_model_without_line_numbers_in_its_text_relocates_it()
    {
        // Plain's model (straight-line code) writes no line number into its text: it moves by lines too.
        // Main: extracted again.
        CSharpCompilation before = TestCompilation.Create(File("Lines1"));
        CSharpCompilation after = Replace(before, 0, File("Lines1", earlier: "int y = x;\n\n\n return y * 2;"));

        InterfaceModel first = Run(before, "Lines1", "Plain");
        (InterfaceModel model, int extracted) = Counting(after, "Lines1", "Plain");

        Assert.Equal(0, extracted);
        Assert.Equal(first.Origin.Line + 3, model.Origin.Line);
        Assert.Equal(Run(after, "Lines1", "Plain", Fresh), model);
    }

    [Fact]
    public void An_edit_that_adds_lines_before_a_model_with_line_numbers_in_its_text_extracts_it_again()
    {
        // Scan's PCV says "iterations of the while loop at line N": only a fresh extraction writes the new N.
        CSharpCompilation before = TestCompilation.Create(File("Lines2"));
        CSharpCompilation after = Replace(before, 0, File("Lines2", earlier: "int y = x;\n\n\n return y * 2;"));

        InterfaceModel first = Run(before, "Lines2", "Scan");
        Assert.Contains(first.Quantities, q => q.IsPcv && q.Description.Contains("at line " + q.Origin!.Line));
        (InterfaceModel model, int extracted) = Counting(after, "Lines2", "Scan");

        Assert.Equal(1, extracted);
        Assert.Equal(Run(after, "Lines2", "Scan", Fresh), model);
        Assert.NotEqual(first, model);
    }

    [Fact]
    public void An_edit_in_a_callee_s_body_extracts_the_caller_again()
    {
        CSharpCompilation before = TestCompilation.Create(File("Callee2"));
        CSharpCompilation after = Replace(before, 0, File("Callee2").Replace("x * 3 + 1;", "x / 3 + x / 5;"));

        InterfaceModel first = Run(before, "Callee2");
        (InterfaceModel model, int extracted) = Counting(after, "Callee2");

        Assert.Equal(1, extracted);
        Assert.True(model.Ns(("data.Length", 1000)) > first.Ns(("data.Length", 1000)), "two divisions cost more than a multiply-add");
        Assert.Equal(Run(after, "Callee2", options: Fresh), model);
    }

    [Fact]
    public void A_comment_outside_bodies_before_the_method_relocates_it()
    {
        // Trivia is in no fingerprint and no body: a longer comment on the same line moves Run by
        // offsets only; a comment of three lines moves Plain by lines. Main: both extracted again.
        string Commented(string comment) => File("Comment1").Replace("    [PerformanceInterface]\n    public static long Run", "    " + comment + "\n    [PerformanceInterface]\n    public static long Run");
        CSharpCompilation before = TestCompilation.Create(Commented("// short"));
        CSharpCompilation longer = Replace(before, 0, Commented("// a much longer comment"));
        CSharpCompilation taller = Replace(longer, 0, Commented("// one\n    // two\n    // three"));

        InterfaceModel first = Run(before, "Comment1");
        InterfaceModel plain = Run(before, "Comment1", "Plain");
        (InterfaceModel moved, int extracted) = Counting(longer, "Comment1");
        Assert.Equal(0, extracted);
        Assert.Equal(first.Origin.Start + "// a much longer comment".Length - "// short".Length, moved.Origin.Start);
        Assert.Equal(Run(longer, "Comment1", options: Fresh), moved);

        Run(longer, "Comment1", "Plain");
        (InterfaceModel down, int extractedPlain) = Counting(taller, "Comment1", "Plain");
        Assert.Equal(0, extractedPlain);
        Assert.Equal(plain.Origin.Line + 2, down.Origin.Line);
        Assert.Equal(Run(taller, "Comment1", "Plain", Fresh), down);
    }

    [Fact]
    public void A_partial_class_over_two_files_depends_on_the_bodies_it_read_in_each()
    {
        string first = Extraction.Usings + """
            public static partial class Partial1
            {
                [PerformanceInterface]
                public static long Run(int[] data)
                {
                    long total = 0;
                    foreach (int x in data) { total += Step(x); }
                    return total;
                }
            }
            """;
        string Second(string step, string other) => Extraction.Usings + $$"""
            public static partial class Partial1
            {
                public static int Other(int x) { {{other}} }

                private static long Step(int x) { {{step}} }
            }
            """;
        CSharpCompilation before = TestCompilation.Create(first, Second("return x * 3;", "return x;"));
        CSharpCompilation otherEdited = Replace(before, 1, Second("return x * 3;", "return x + x * 9;"));
        CSharpCompilation stepEdited = Replace(otherEdited, 1, Second("return x * 3 / (x | 1);", "return x + x * 9;"));

        InterfaceModel kept = Run(before, "Partial1");
        (InterfaceModel model, int extracted) = Counting(otherEdited, "Partial1");
        Assert.Equal(0, extracted); // main: Step's file changed, so Run was extracted again
        Assert.Same(kept, model);
        Assert.Equal(Run(otherEdited, "Partial1", options: Fresh), model);

        (InterfaceModel again, int extractedAgain) = Counting(stepEdited, "Partial1");
        Assert.Equal(1, extractedAgain);
        Assert.Equal(Run(stepEdited, "Partial1", options: Fresh), again);
    }

    [Fact]
    public void A_property_accessor_s_body_is_a_dependency_of_its_own()
    {
        string Source(string getter, string other) => Extraction.Usings + $$"""
            public sealed class Accessor1
            {
                private int[] _items = new int[8];

                public int Other(int x) { {{other}} }

                public int Count { get { {{getter}} } }

                [PerformanceInterface]
                public long Run(int n)
                {
                    long total = 0;
                    for (int i = 0; i < n; i++) { total += Count; }
                    return total;
                }
            }
            """;
        CSharpCompilation before = TestCompilation.Create(Source("return _items.Length;", "return x;"));
        CSharpCompilation otherEdited = Replace(before, 0, Source("return _items.Length;", "return x * x;"));
        CSharpCompilation getterEdited = Replace(otherEdited, 0, Source("return _items.Length / 2 + _items[0];", "return x * x;"));

        InterfaceModel kept = Run(before, "Accessor1");
        (InterfaceModel moved, int extracted) = Counting(otherEdited, "Accessor1");
        Assert.Equal(0, extracted); // main: extracted again
        Assert.Equal(Run(otherEdited, "Accessor1", options: Fresh), moved);
        Assert.NotEqual(kept.Origin.Start, moved.Origin.Start);

        (InterfaceModel again, int extractedAgain) = Counting(getterEdited, "Accessor1");
        Assert.Equal(1, extractedAgain);
        Assert.Equal(Run(getterEdited, "Accessor1", options: Fresh), again);
    }

    [Fact]
    public void A_local_function_belongs_to_the_body_around_it()
    {
        string Source(string local, string other) => Extraction.Usings + $$"""
            public static class Local1
            {
                public static int Other(int x) { {{other}} }

                [PerformanceInterface]
                public static long Run(int[] data)
                {
                    long total = 0;
                    for (int i = 0; i < data.Length; i++) { total += Twice(data[i]); }
                    return total;

                    static long Twice(int x) { {{local}} }
                }
            }
            """;
        CSharpCompilation before = TestCompilation.Create(Source("return x * 2;", "return x;"));
        CSharpCompilation otherEdited = Replace(before, 0, Source("return x * 2;", "return x - 1;"));
        CSharpCompilation localEdited = Replace(otherEdited, 0, Source("return x * 2 / (x | 1) / (x | 3);", "return x - 1;"));

        Run(before, "Local1");
        (InterfaceModel moved, int extracted) = Counting(otherEdited, "Local1");
        Assert.Equal(0, extracted); // main: extracted again
        Assert.Equal(Run(otherEdited, "Local1", options: Fresh), moved);

        (InterfaceModel again, int extractedAgain) = Counting(localEdited, "Local1");
        Assert.Equal(1, extractedAgain);
        Assert.True(again.Ns(("data.Length", 100)) > moved.Ns(("data.Length", 100)), "two divisions in the local function cost more");
        Assert.Equal(Run(localEdited, "Local1", options: Fresh), again);
    }

    [Fact]
    public void A_caller_line_number_passed_by_a_body_that_moved_to_other_lines_is_not_relocated()
    {
        // The line of the call is a constant argument the model computes with. Main extracts again too;
        // a relocation that only shifted provenance would keep the old count.
        string Source(string earlier) => Extraction.Usings + $$"""
            using System.Runtime.CompilerServices;
            public static class CallerLine1
            {
                public static int Earlier(int x) { {{earlier}} }

                [PerformanceInterface]
                public static long Run(int[] data) => Repeat(data);

                private static long Repeat(int[] data, [CallerLineNumber] int line = 0)
                {
                    long total = 0;
                    for (int i = 0; i < line; i++) { total += data[0]; }
                    return total;
                }
            }
            """;
        CSharpCompilation before = TestCompilation.Create(Source("return x;"));
        CSharpCompilation after = Replace(before, 0, Source("int y = x;\n\n\n\n\n\n\n\n\n\n return y;"));

        InterfaceModel first = Run(before, "CallerLine1");
        (InterfaceModel model, int extracted) = Counting(after, "CallerLine1");

        Assert.Equal(1, extracted);
        Assert.Equal(Run(after, "CallerLine1", options: Fresh), model);
        Assert.True(model.Ns(("data.Length", 1)) > first.Ns(("data.Length", 1)), "the call is ten lines further down: ten more iterations");
    }

    [Fact]
    public void A_directive_edited_anywhere_in_the_file_extracts_its_dependents_again()
    {
        // #nullable and #if are trivia, outside every body and fingerprint, yet change how bodies bind.
        CSharpCompilation before = TestCompilation.Create(File("Directive1", above: "// placeholder\n"));
        CSharpCompilation after = Replace(before, 0, File("Directive1", above: "#nullable disable\n"));

        Run(before, "Directive1");
        (InterfaceModel model, int extracted) = Counting(after, "Directive1");

        Assert.Equal(1, extracted);
        Assert.Equal(Run(after, "Directive1", options: Fresh), model);
    }

    [Fact]
    public void Trees_sharing_a_path_are_depended_on_whole()
    {
        // Declarations are placed by path: with two trees at one path an edit in either extracts again.
        CSharpCompilation before = CSharpCompilation.Create(
            "SamePath",
            new[] { File("Same1"), Extraction.Usings + "public static class Same1Other { public static int F(int x) { return x; } }" }
                .Select(s => CSharpSyntaxTree.ParseText(s, TestCompilation.ParseOptions, path: "")),
            TestCompilation.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        CSharpCompilation after = before.ReplaceSyntaxTree(
            before.SyntaxTrees.ElementAt(0),
            CSharpSyntaxTree.ParseText(File("Same1", later: "return x - 2;"), TestCompilation.ParseOptions, path: ""));

        Run(before, "Same1");
        (InterfaceModel model, int extracted) = Counting(after, "Same1");

        Assert.Equal(1, extracted);
        Assert.Equal(Run(after, "Same1", options: Fresh), model);
    }

    private static InterfaceModel Run(Compilation compilation, string type, string method = "Run", ExtractionOptions? options = null)
    {
        IMethodSymbol symbol = compilation.GetTypeByMetadataName(type)!.GetMembers(method).OfType<IMethodSymbol>().Single();
        return InterfaceExtractor.Extract(symbol, compilation, options ?? Options, CancellationToken.None);
    }

    /// <summary>The model of <c>type.method</c>, and how many times that method was analysed for it (0: reused).</summary>
    private static (InterfaceModel Model, int Extracted) Counting(Compilation compilation, string type, string method = "Run")
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
            return (Run(compilation, type, method), extracted);
        }
        finally
        {
            InterfaceExtractor.ExtractedForTesting = null;
        }
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, int index, string source) =>
        compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.ElementAt(index),
            CSharpSyntaxTree.ParseText(source, TestCompilation.ParseOptions, path: compilation.SyntaxTrees.ElementAt(index).FilePath));
}
