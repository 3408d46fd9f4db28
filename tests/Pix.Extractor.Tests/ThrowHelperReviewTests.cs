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
/// Review of the throw-helper rule (Analysis/ThrowingMethods.cs): helpers a call to which may return, though
/// their last statement throws, and helpers whose every way throws in a form the first tests did not cover.
/// As in <see cref="ThrowHelperTests"/>, each helper builds its exception with a formatted message, so a helper
/// the analysis walks leaves a gap and forks the caller's check into a second piece.
/// </summary>
public sealed class ThrowHelperReviewTests
{
    private static readonly ExtractionOptions NoMerging = ExtractionOptions.Default with { DefaultResolution = 0 };

    private const string Throws = """throw new ArgumentOutOfRangeException(nameof(n), n, $"{n} is negative.");""";

    private static InterfaceModel Checked(string check, string helpers, string modifiers = "static") =>
        ThrowHelperTests.Checked(check, helpers, NoMerging, modifiers);

    private static void AssertNotWalked(InterfaceModel model) => ThrowHelperTests.AssertNotWalked(model);

    private static void AssertWalked(InterfaceModel model) => ThrowHelperTests.AssertWalked(model);

    [Fact]
    public void A_switch_section_that_breaks_before_it_throws_returns()
    {
        // `break` leaves the switch, and the helper returns after it: the section's last statement throws, yet it may go on.
        AssertWalked(Checked(
            "if (n < 0) Fail(n % 3, n);",
            $$"""
            static void Fail(int reason, int n)
            {
                switch (reason)
                {
                    case 0:
                        if (n == -3) break;
                        {{Throws}}
                    default:
                        {{Throws}}
                }
            }
            """));
    }

    [Fact]
    public void A_switch_in_the_caller_s_arm_that_a_break_leaves_does_not_make_the_arm_throw()
    {
        // The same rule at the call site: n == -3 goes on after the switch, so the arm is a way that returns.
        AssertWalked(Checked(
            $$"""
            if (n < 0)
            {
                switch (n % 3)
                {
                    case 0:
                        if (n == -3) break;
                        {{Throws}}
                    default:
                        {{Throws}}
                }
            }
            """,
            ""));
    }

    [Fact]
    public void A_throw_caught_in_the_helper_returns()
    {
        AssertWalked(Checked(
            "if (n < 0) Fail(n);",
            $$"""static void Fail(int n) { try { {{Throws}} } catch (ArgumentException) { } }"""));
    }

    [Fact]
    public void A_label_after_the_throw_returns()
    {
        AssertWalked(Checked(
            "if (n < 0) Fail(n);",
            $$"""static void Fail(int n) { if (n == -1) goto Done; {{Throws}} Done: ; }"""));
    }

    [Fact]
    public void An_iterator_returns_before_its_body_runs()
    {
        AssertWalked(Checked(
            "if (n < 0) Fail(n);",
            $$"""static IEnumerable<int> Fail(int n) { if (n < -5) yield break; {{Throws}} }"""));
    }

    [Fact]
    public void An_async_helper_returns_a_faulted_task()
    {
        AssertWalked(Checked(
            "if (n < 0) _ = Fail(n);",
            $$"""
            #pragma warning disable CS1998 // no await: the point
            static async System.Threading.Tasks.Task Fail(int n) { {{Throws}} }
            """));
    }

    [Fact]
    public void A_helper_that_a_conditional_call_ends_returns_where_the_call_is_removed()
    {
        AssertWalked(Checked(
            "if (n < 0) Fail(n);",
            $$"""
            static void Fail(int n) => Check(n);
            [System.Diagnostics.Conditional("DEBUG")] static void Check(int n) { {{Throws}} }
            """));
    }

    [Fact]
    public void A_return_in_a_local_function_or_lambda_of_the_helper_is_not_the_helper_s()
    {
        AssertNotWalked(Checked(
            "if (n < 0) Fail(n);",
            """
            static void Fail(int n)
            {
                static int Twice(int v) { return v * 2; }
                Func<int, int> half = v => { return v / 2; };
                throw new ArgumentOutOfRangeException(nameof(n), n, $"{Twice(n)} {half(n)} is negative.");
            }
            """));
    }

    [Fact]
    public void A_partial_helper_is_decided_by_its_implementation()
    {
        AssertNotWalked(Checked(
            "if (n < 0) Fail(n);",
            $$"""
            static partial void Fail(int n);
            static partial void Fail(int n) { {{Throws}} }
            """,
            modifiers: "static partial"));
    }

    [Fact]
    public void A_helper_of_a_generic_type_is_decided_by_its_definition()
    {
        AssertNotWalked(Checked(
            "if (n < 0) Guard<int>.Fail(n);",
            """
            static class Guard<T>
            {
                public static void Fail(T n) => throw new ArgumentOutOfRangeException(nameof(n), n, $"{n} is negative.");
            }
            """));
    }

    [Theory]
    [InlineData("static void Fail(int n);")] // no body yet (CS0501)
    [InlineData("static void Fail(int n) { Missing(n); }")] // a call that does not bind
    [InlineData("static void Fail(int n) { throw new Missing(n); }")] // an exception type that does not bind
    [InlineData("static void Fail(int n) { if (n < -1) throw new ArgumentException(); else }")] // a statement not finished
    [InlineData("static void Fail(int n) => Fail(n, n);")] // no such overload
    public void A_helper_that_does_not_compile_yet_is_decided_without_failing(string helper)
    {
        // The generator runs on code being typed: the rule reads what binds, and the extraction never throws.
        InterfaceModel model = Extraction.Extract($$"""
            static class C
            {
                public static long M(int[] data, int n)
                {
                    if (n < 0) Fail(n);
                    long s = 0;
                    for (int i = 0; i < n; i++) s += data[i];
                    return s;
                }

                {{helper}}
            }
            """, options: NoMerging, allowErrors: true);

        Assert.NotEmpty(model.Pieces);
    }

    [Fact]
    public void A_generic_helper_that_ends_in_a_static_virtual_call_is_walked()
    {
        // Fail<Quiet> calls Quiet.Throw, which returns: the interface's body decides nothing.
        InterfaceModel model = Extraction.Extract($$"""
            interface IThrower
            {
                static virtual void Throw(int n) { {{Throws}} }
            }

            struct Quiet : IThrower
            {
                public static void Throw(int n) { }
            }

            static class C
            {
                public static long M(int[] data, int n)
                {
                    if (n < 0) Fail<Quiet>(n);
                    long s = 0;
                    for (int i = 0; i < n; i++) s += data[i];
                    return s;
                }

                static void Fail<T>(int n) where T : IThrower => T.Throw(n);
            }
            """, options: NoMerging);

        Assert.True(model.Pieces.Count >= 2 || model.Gaps.Count > 0, model.Dump());
    }

    [Fact]
    public void A_default_interface_method_is_walked()
    {
        // An implementation may replace it.
        InterfaceModel model = Extraction.Extract($$"""
            interface IFail
            {
                void Fail(int n) { {{Throws}} }
            }

            class C : IFail
            {
                public long M(int[] data, int n)
                {
                    if (n < 0) ((IFail)this).Fail(n);
                    long s = 0;
                    for (int i = 0; i < n; i++) s += data[i];
                    return s;
                }
            }
            """, options: NoMerging);

        AssertWalked(model);
    }
}

/// <summary>
/// Review of the throw-helper dependencies: a partial helper whose implementation is in another file than its
/// caller and its definition. Edited there to return, its caller is extracted again (the cross-compilation cache).
/// </summary>
[Collection(ProcessWideCacheCollection.Name)]
public sealed class ThrowHelperReviewDependencyTests
{
    private static readonly ExtractionOptions Options = ExtractionOptions.Default with { DefaultResolution = 0 };

    private const string Caller = Extraction.Usings + """
        public static partial class Split1
        {
            public static long Top(int[] data, int n)
            {
                if (n < 0) Fail(n);
                long s = 0;
                for (int i = 0; i < n; i++) s += data[i];
                return s;
            }

            static partial void Fail(int n);
        }
        """;

    private static string Implementation(string body) => Extraction.Usings + $$"""
        public static partial class Split1
        {
            static partial void Fail(int n) { {{body}} }
        }
        """;

    [Fact]
    public void A_partial_helper_edited_in_its_implementation_s_file_extracts_its_caller_again()
    {
        CSharpCompilation before = TestCompilation.Create(
            Caller, Implementation("""throw new ArgumentOutOfRangeException(nameof(n), n, $"{n} is negative.");"""));
        SyntaxTree implementation = before.SyntaxTrees.Last();
        CSharpCompilation after = before.ReplaceSyntaxTree(
            implementation,
            CSharpSyntaxTree.ParseText(Implementation("n++;"), TestCompilation.ParseOptions, path: implementation.FilePath));
        TestCompilation.AssertNoErrors(before);
        TestCompilation.AssertNoErrors(after);

        InterfaceModel first = Run(before, Options);
        int extracted = 0;
        InterfaceExtractor.ExtractedForTesting = m =>
        {
            if (m.ContainingType.Name == "Split1" && m.Name == "Top")
            {
                Interlocked.Increment(ref extracted);
            }
        };
        InterfaceModel second;
        try
        {
            second = Run(after, Options);
        }
        finally
        {
            InterfaceExtractor.ExtractedForTesting = null;
        }

        Assert.Single(first.Pieces);
        Assert.Equal(1, extracted);
        Assert.Equal(Run(after, Options with { ReuseAcrossCompilations = false, ReuseCalleeSummaries = false }), second);
    }

    private static InterfaceModel Run(Compilation compilation, ExtractionOptions options) =>
        InterfaceExtractor.Extract(
            compilation.GetTypeByMetadataName("Split1")!.GetMembers("Top").OfType<IMethodSymbol>().Single(), compilation, options, CancellationToken.None);
}
