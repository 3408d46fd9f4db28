using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Generator.Tests.Infrastructure;

namespace Pix.Generator.Tests;

/// <summary>
/// <c>PixAnnotateAll=true</c>: every method of a partial type that can have a companion gets one and the
/// result compiles cleanly; off by default; annotated methods come out exactly as without the mode;
/// types that are not partial get nothing.
/// </summary>
public sealed class AnnotateAllTests
{
    private const string Project = """
        #pragma warning disable CS1591 // the user code is undocumented; the generated code must be documented
        using System;
        using System.Collections.Generic;
        using Pix;

        namespace Demo
        {
            public partial class Shapes
            {
                private readonly int[] _items = new int[16];

                [PerformanceInterface]
                public int Sum(int[] values)
                {
                    int sum = 0;
                    for (int i = 0; i < values.Length; i++) sum += values[i];
                    return sum;
                }

                public int Count(int limit)
                {
                    int count = 0;
                    for (int i = 0; i < limit; i++) count += _items[i % _items.Length];
                    return count;
                }

                public virtual string Describe(bool verbose) => verbose ? "shapes " + _items.Length : "shapes";

                // Overloads that differ only in an out parameter: their companions would collide; one is kept.
                public bool TryFind(int value) => Array.IndexOf(_items, value) >= 0;
                public bool TryFind(int value, out int index) { index = Array.IndexOf(_items, value); return index >= 0; }

                public static T Largest<T>(IReadOnlyList<T> values) where T : IComparable<T>
                {
                    T best = values[0];
                    foreach (T value in values) if (value.CompareTo(best) > 0) best = value;
                    return best;
                }

                private static int Depth(int d) => d <= 0 ? 0 : 1 + Depth(d - 1);

                public int Length => _items.Length;                      // accessor: no companion
                public Shapes() { }                                     // constructor: no companion
                public static Shapes operator +(Shapes a, Shapes b) => a; // operator: no companion

                internal sealed partial class Nested
                {
                    public long Twice(long x) => x * 2;
                }

                // Derives from the type it is nested in: each has its own block table, and the inner one must not hide the outer's.
                internal sealed partial class Special : Shapes
                {
                    public int Thrice(int x) => x * 3;
                }
            }

            public partial class Circles : Shapes
            {
                public override string Describe(bool verbose) => verbose ? "circles, " + base.Describe(true) : "circles";
                public new int Count(int limit) => limit;
            }

            public static partial class Extensions
            {
                public static int Doubled(this int value) => value * 2;
                public static void Fill(Span<int> span, int value) { for (int i = 0; i < span.Length; i++) span[i] = value; }
            }

            public class NotPartial
            {
                public int Work(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; }
            }

            public partial interface IShape
            {
                int Area();
                int DoubleArea() => Area() * 2;
            }

            public partial struct Point
            {
                public int X, Y;
                public readonly int Manhattan() => Math.Abs(X) + Math.Abs(Y);
            }

            public partial record Named(string Name)
            {
                public int Letters() => Name.Length;
            }
        }
        """;

    [Fact]
    public void Off_by_default_only_annotated_methods_get_companions()
    {
        (Compilation output, GeneratorRunResult run) = GeneratorRunner.Run(Create());
        Assert.Equal(new[] { "Demo.Shapes.Pix.g.cs" }, GeneratorRunner.Files(run).Keys.ToArray());
        Assert.Equal(new[] { "LatencyOf_Sum" }, Companions(output, "Demo.Shapes"));
    }

    [Theory]
    [InlineData("false")]
    [InlineData("")]
    [InlineData("yes")]
    public void Only_true_turns_the_mode_on(string value)
    {
        (_, GeneratorRunResult run) = GeneratorRunner.Run(Create(), pixAnnotateAll: value);
        Assert.Equal(new[] { "Demo.Shapes.Pix.g.cs" }, GeneratorRunner.Files(run).Keys.ToArray());
    }

    [Fact]
    public void Annotate_all_gives_every_method_of_a_partial_type_a_companion_and_compiles_cleanly()
    {
        (Compilation output, _) = GeneratorRunner.Run(Create(), pixAnnotateAll: "True");

        Compile.AssertClean(output);
        Assert.Equal(
            new[] { "LatencyOf_Count", "LatencyOf_Depth", "LatencyOf_Describe", "LatencyOf_Largest", "LatencyOf_Sum", "LatencyOf_TryFind" },
            Companions(output, "Demo.Shapes"));
        Assert.Equal(new[] { "LatencyOf_Twice" }, Companions(output, "Demo.Shapes+Nested"));
        Assert.Equal(new[] { "LatencyOf_Thrice" }, Companions(output, "Demo.Shapes+Special"));
        Assert.Equal(new[] { "LatencyOf_Count", "LatencyOf_Describe" }, Companions(output, "Demo.Circles"));
        Assert.Equal(new[] { "LatencyOf_Doubled", "LatencyOf_Fill" }, Companions(output, "Demo.Extensions"));
        Assert.Equal(new[] { "LatencyOf_Manhattan" }, Companions(output, "Demo.Point"));
        Assert.Equal(new[] { "LatencyOf_Letters" }, Companions(output, "Demo.Named"));
        Assert.Empty(Companions(output, "Demo.NotPartial"));
        Assert.Empty(Companions(output, "Demo.IShape"));

        // One of the two TryFind overloads (their companions would have the same parameters).
        Assert.Single(output.GetTypeByMetadataName("Demo.Shapes")!.GetMembers("LatencyOf_TryFind"));
    }

    [Fact]
    public void Annotated_methods_come_out_exactly_as_without_the_mode()
    {
        (_, GeneratorRunResult off) = GeneratorRunner.Run(Create());
        (_, GeneratorRunResult on) = GeneratorRunner.Run(Create(), pixAnnotateAll: "true");

        var annotated = off.TrackedSteps[TrackingNames.Resolved].SelectMany(s => s.Outputs).Select(o => o.Value).ToArray();
        var annotatedOn = on.TrackedSteps[TrackingNames.Resolved].SelectMany(s => s.Outputs).Select(o => o.Value).ToArray();
        Assert.Equal(annotated, annotatedOn);

        string companion = Method(GeneratorRunner.Files(off)["Demo.Shapes.Pix.g.cs"], "LatencyOf_Sum");
        Assert.Contains(companion, GeneratorRunner.Files(on)["Demo.Shapes.Pix.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void An_annotated_overload_keeps_its_companion_over_an_implicit_one()
    {
        const string source = """
            #pragma warning disable CS1591
            using Pix;

            namespace Demo
            {
                public static partial class Parse
                {
                    public static bool Digits(string text, out int value) { value = text.Length; return true; }

                    [PerformanceInterface]
                    public static bool Digits(string text) { int n = 0; foreach (char c in text) n += c; return n > 0; }
                }
            }
            """;
        (Compilation output, GeneratorRunResult run) = GeneratorRunner.Run(Pix.Testing.TestCompilation.CreateNamed("Overloads", source), pixAnnotateAll: "true");
        Compile.AssertClean(output);
        Assert.False(
            run.TrackedSteps.TryGetValue(TrackingNames.AnnotateAllTransform, out var implicitSteps) && implicitSteps.Any(s => s.Outputs.Length > 0),
            "The overload without out parameter is annotated, so annotate-all must not add the other one.");
        Assert.Single(output.GetTypeByMetadataName("Demo.Parse")!.GetMembers("LatencyOf_Digits"));
    }

    [Fact]
    public void An_annotated_method_hides_an_implicit_base_companion_on_purpose()
    {
        const string source = """
            #pragma warning disable CS1591
            using Pix;

            namespace Demo
            {
                public partial class Base
                {
                    public virtual int Work(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; }
                }

                public partial class Derived : Base
                {
                    [PerformanceInterface]
                    public override int Work(int n) => n;
                }
            }
            """;
        CSharpCompilation input = Compile.Library(Compile.Latest, source);

        // Off, nothing is hidden (the base gets no companion); on, 'new' avoids CS0108 under warnings-as-errors.
        Compile.AssertClean(GeneratorRunner.Run(input).Output);
        Compile.AssertClean(GeneratorRunner.Run(input, pixAnnotateAll: "true").Output);
    }

    private static CSharpCompilation Create() => Compile.Library(Compile.Latest, Project);

    private static string[] Companions(Compilation output, string type) =>
        output.GetTypeByMetadataName(type)!.GetMembers()
            .Where(m => m.Name.StartsWith("LatencyOf_", StringComparison.Ordinal))
            .Select(m => m.Name)
            .Distinct()
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

    /// <summary>The text of the generated method <paramref name="name"/>, documentation comment included.</summary>
    private static string Method(string file, string name)
    {
        SyntaxNode root = CSharpSyntaxTree.ParseText(file).GetRoot();
        return root.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>()
            .Single(m => m.Identifier.ValueText == name)
            .ToFullString();
    }
}
