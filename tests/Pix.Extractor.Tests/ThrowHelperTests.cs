using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Extraction;
using Pix.Model;
using Pix.Testing;

namespace Pix.Extractor.Tests;

/// <summary>
/// A call to a source method every way of which throws is a way that throws, as a call to a
/// <c>[DoesNotReturn]</c> method is (Analysis/ThrowingMethods.cs). Each helper below builds its exception
/// with a formatted message, which the analysis has no model for: walked, the arm leaves a gap, and its
/// input check forks a second piece.
/// </summary>
public sealed class ThrowHelperTests
{
    private static readonly ExtractionOptions NoMerging = ExtractionOptions.Default with { DefaultResolution = 0 };

    /// <summary>
    /// A class C (declared with <paramref name="modifiers"/>) with <paramref name="helpers"/> and M, which checks n with
    /// <paramref name="check"/> and then sums n elements. Shared with <see cref="ThrowHelperReviewTests"/>.
    /// </summary>
    internal static InterfaceModel Checked(string check, string helpers, ExtractionOptions? options = null, string modifiers = "static") => Extraction.Extract($$"""
        {{modifiers}} class C
        {
            public static long M(int[] data, int n)
            {
                {{check}}
                long s = 0;
                for (int i = 0; i < n; i++) s += data[i];
                return s;
            }

            {{helpers}}
        }
        """, options: options ?? NoMerging);

    internal static void AssertNotWalked(InterfaceModel model)
    {
        Assert.True(model.Gaps.Count == 0, model.Dump());
        Assert.Single(model.Pieces);
    }

    /// <summary>The call is analysed as code that runs: its arm costs something of its own, so the check forks.</summary>
    internal static void AssertWalked(InterfaceModel model) => Assert.True(model.Pieces.Count >= 2, model.Dump());

    [Fact]
    public void An_expression_bodied_helper_that_throws_is_a_way_that_throws()
    {
        AssertNotWalked(Checked(
            "if (n < 0) ThrowNegative(n);",
            """static void ThrowNegative(int n) => throw new ArgumentOutOfRangeException(nameof(n), n, $"{n} is negative.");"""));
    }

    [Fact]
    public void A_block_bodied_helper_that_throws_either_way_is_a_way_that_throws()
    {
        AssertNotWalked(Checked(
            "if (n < 0 || n > data.Length) ThrowRange(n, data.Length);",
            """
            static void ThrowRange(int n, int length)
            {
                if (n < 0) { throw new ArgumentOutOfRangeException(nameof(n), n, $"{n} is negative."); }
                else { throw new ArgumentOutOfRangeException(nameof(n), n, $"{n} is over {length}."); }
            }
            """));
    }

    [Fact]
    public void A_helper_whose_switch_throws_in_every_section_is_a_way_that_throws()
    {
        AssertNotWalked(Checked(
            "if (n < 0) Fail(n % 3, n);",
            """
            static void Fail(int reason, int n)
            {
                switch (reason)
                {
                    case 0: throw new ArgumentOutOfRangeException(nameof(n), n, $"{n}: first.");
                    case 1: throw new ArgumentOutOfRangeException(nameof(n), n, $"{n}: second.");
                    default: throw new ArgumentOutOfRangeException(nameof(n), n, $"{n}: other.");
                }
            }
            """));
    }

    [Fact]
    public void A_generic_helper_is_decided_by_its_definition()
    {
        AssertNotWalked(Checked(
            "if (n < 0) ThrowRange(nameof(n), n, 0, data.Length);",
            """
            static void ThrowRange<T>(string name, T value, T min, T max)
            {
                throw new ArgumentOutOfRangeException(name, value, $"Value should be in range [{min}-{max}]");
            }
            """));
    }

    [Fact]
    public void A_helper_that_calls_a_helper_is_a_way_that_throws()
    {
        AssertNotWalked(Checked(
            "if (n < 0) ThrowNegative(n);",
            """
            static void ThrowNegative(int n) => ThrowRange(nameof(n), n, $"{n} is negative.");
            static void ThrowRange(string name, int value, string message) { throw new ArgumentOutOfRangeException(name, value, message); }
            """));
    }

    [Fact]
    public void A_local_function_that_throws_is_a_way_that_throws()
    {
        AssertNotWalked(Checked(
            """
            if (n < 0) ThrowNegative(n);
            static void ThrowNegative(int n) => throw new ArgumentOutOfRangeException(nameof(n), n, $"{n} is negative.");
            """,
            ""));
    }

    [Fact]
    public void A_switch_that_throws_every_way_in_a_loop_is_no_exit()
    {
        // The walk skips the arm that holds it, so the loop is not left there either (no trip-count PCV).
        InterfaceModel model = Extraction.Extract("""
            static class C
            {
                public static long M(int[] data, int kind)
                {
                    long s = 0;
                    for (int i = 0; i < data.Length; i++)
                    {
                        if (data[i] < 0)
                        {
                            switch (kind)
                            {
                                case 0: throw new InvalidOperationException("first");
                                default: throw new ArgumentException("other");
                            }
                        }

                        s += data[i];
                    }

                    return s;
                }
            }
            """, options: NoMerging);

        Assert.True(model.Gaps.Count == 0 && model.Pcvs.Count == 0, model.Dump());
    }

    [Fact]
    public void A_long_chain_of_helpers_is_followed_to_its_end()
    {
        // 100 helpers, each ending in the next: the search crosses threads every 32 levels rather than stopping.
        string chain = string.Join("\n", Enumerable.Range(0, 100).Select(i => $"static void Throw{i}(int n) => Throw{i + 1}(n);"))
            + "\nstatic void Throw100(int n) => throw new ArgumentOutOfRangeException(nameof(n), n, $\"{n} is negative.\");";

        AssertNotWalked(Checked("if (n < 0) Throw0(n);", chain));
    }

    [Fact]
    public void A_helper_that_returns_on_some_way_is_walked()
    {
        AssertWalked(Checked(
            "if (n < 0) MaybeThrow(n);",
            """
            static void MaybeThrow(int n)
            {
                if (n == -1) return;
                throw new ArgumentOutOfRangeException(nameof(n), n, $"{n} is negative.");
            }
            """));
        AssertWalked(Checked(
            "if (n < 0) MaybeThrow(n);",
            """static void MaybeThrow(int n) { if (n < -1) throw new ArgumentOutOfRangeException(nameof(n), n, $"{n} is negative."); }"""));
    }

    [Fact]
    public void A_switch_without_a_default_section_may_go_on()
    {
        AssertWalked(Checked(
            "if (n < 0) Fail(n % 2, n);",
            """
            static void Fail(int reason, int n)
            {
                switch (reason)
                {
                    case 0: throw new ArgumentOutOfRangeException(nameof(n), n, $"{n}: first.");
                    case 1: throw new ArgumentOutOfRangeException(nameof(n), n, $"{n}: second.");
                }
            }
            """));
    }

    [Fact]
    public void Helpers_that_call_each_other_prove_nothing_and_the_analysis_ends()
    {
        // Each way either throws or calls the other: a call may recurse forever, so neither is proven.
        AssertWalked(Checked(
            "if (n < 0) Odd(n);",
            """
            static void Odd(int n) { if (n < -100) { Even(n + 1); } else { throw new ArgumentOutOfRangeException(nameof(n), n, $"{n}: odd."); } }
            static void Even(int n) { if (n < -100) { Odd(n + 1); } else { throw new ArgumentOutOfRangeException(nameof(n), n, $"{n}: even."); } }
            """));
    }

    [Fact]
    public void A_helper_that_calls_itself_proves_nothing()
    {
        AssertWalked(Checked(
            "if (n < 0) Fail(n);",
            """static void Fail(int n) { if (n < -100) { Fail(n + 1); } else { throw new ArgumentOutOfRangeException(nameof(n), n, $"{n}."); } }"""));
    }

    [Fact]
    public void A_cycle_of_helpers_is_decided_whichever_member_is_asked_first()
    {
        // Odd ends in Even, Even in Odd or Throw; Throw throws. Asked about Odd, then about Even: both walked.
        const string Helpers = """
            static void Odd(int n) { if (n < -100) { Even(n + 1); } else { Throw(n); } }
            static void Even(int n) { if (n < -100) { Odd(n + 1); } else { Throw(n); } }
            static void Throw(int n) => throw new ArgumentOutOfRangeException(nameof(n), n, $"{n}.");
            """;
        Compilation compilation = TestCompilation.Create(Extraction.Usings + $$"""
            static class C
            {
                public static void M(int n) { if (n < 0) Odd(n); else n++; }
                public static void N(int n) { if (n < 0) Even(n); else n++; }
                public static void P(int n) { if (n < 0) Throw(n); else n++; }
                {{Helpers}}
            }
            """);
        TestCompilation.AssertNoErrors(compilation);

        InterfaceModel Model(string name) => InterfaceExtractor.Extract(Extraction.FindMethod(compilation, name), compilation, NoMerging, CancellationToken.None);

        Assert.Equal(2, Model("M").Pieces.Count);
        Assert.Equal(2, Model("N").Pieces.Count);
        Assert.Single(Model("P").Pieces);
    }

    [Fact]
    public void A_virtual_helper_is_walked()
    {
        // An override may return.
        InterfaceModel model = Extraction.Extract("""
            class C
            {
                public long M(int[] data, int n)
                {
                    if (n < 0) ThrowNegative(n);
                    long s = 0;
                    for (int i = 0; i < n; i++) s += data[i];
                    return s;
                }

                protected virtual void ThrowNegative(int n) => throw new ArgumentOutOfRangeException(nameof(n), n, $"{n} is negative.");
            }
            """, options: NoMerging);

        AssertWalked(model);
    }

    [Fact]
    public void A_helper_from_metadata_without_the_attribute_is_walked()
    {
        // Its body is not read: only [DoesNotReturn] says a compiled method throws.
        CSharpCompilation library = TestCompilation.CreateNamed("ThrowLibrary", """
            public static class Thrower
            {
                public static void ThrowNegative(int n) => throw new System.ArgumentOutOfRangeException(nameof(n), n, $"{n} is negative.");
            }
            """);
        using var image = new MemoryStream();
        Assert.True(library.Emit(image).Success);
        Compilation compilation = TestCompilation.Create(Extraction.Usings + """
            static class C
            {
                public static long M(int[] data, int n)
                {
                    if (n < 0) Thrower.ThrowNegative(n);
                    long s = 0;
                    for (int i = 0; i < n; i++) s += data[i];
                    return s;
                }
            }
            """).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        TestCompilation.AssertNoErrors(compilation);

        InterfaceModel model = InterfaceExtractor.Extract(Extraction.FindMethod(compilation, "M"), compilation, NoMerging, CancellationToken.None);

        Assert.Equal(2, model.Pieces.Count);
        Assert.Contains(model.Gaps, g => g.Construct.Contains("Thrower.ThrowNegative"));
    }

    [Fact]
    public void A_factory_that_returns_the_exception_stays_a_throw()
    {
        AssertNotWalked(Checked(
            "if (n < 0) throw Negative(n);",
            """static Exception Negative(int n) => new ArgumentOutOfRangeException(nameof(n), n, $"{n} is negative.");"""));
    }

    [Fact]
    public void A_helper_that_returns_a_value_takes_the_place_of_a_throw_expression()
    {
        // NodaTime's `_ => Preconditions.ThrowArgumentOutOfRangeExceptionWithReturn(...)`, `?? Fail<T>()`, `return Fail<T>()`.
        const string Fail = """static T Fail<T>(string what) => throw new ArgumentOutOfRangeException(what, $"{what} is out of range.");""";
        InterfaceModel arm = Extraction.Extract($$"""
            static class C
            {
                public static int M(int n) => n switch { 0 => 1, 1 => 10, 2 => 100, _ => Fail<int>(nameof(n)) };
                {{Fail}}
            }
            """, options: NoMerging);
        InterfaceModel coalesce = Extraction.Extract($$"""
            static class C
            {
                public static int M(string? s) => (s ?? Fail<string>(nameof(s))).Length;
                {{Fail}}
            }
            """, options: NoMerging);
        InterfaceModel returned = Checked("if (n < 0) return Fail<long>(nameof(n));", Fail);

        Assert.True(arm.Gaps.Count == 0, arm.Dump());
        Assert.True(coalesce.Gaps.Count == 0, coalesce.Dump());
        AssertNotWalked(returned);
    }

    [Fact]
    public void A_helper_that_returns_a_value_on_some_way_is_walked()
    {
        InterfaceModel model = Checked(
            "if (n < 0) n = Clamp(n);",
            """static int Clamp(int n) { if (n > -5) return 0; throw new ArgumentOutOfRangeException(nameof(n), n, $"{n} is negative."); }""");

        AssertWalked(model);
    }

    [Fact]
    public void A_conditional_helper_removed_by_the_compiler_returns()
    {
        // In a Release build the call is not there: its way goes on, and the check forks.
        InterfaceModel model = Checked(
            "if (n < 0) Fail(n); else n = n / 3;",
            """[System.Diagnostics.Conditional("DEBUG")] static void Fail(int n) => throw new ArgumentOutOfRangeException(nameof(n), n, $"{n}.");""");

        Assert.Equal(2, model.Pieces.Count);
    }
}
