using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Generator.Tests.Infrastructure;

namespace Pix.Generator.Tests;

/// <summary>
/// Half-typed code, as the IDE feeds the generator on every keystroke: it never throws, and never adds
/// code that does not compile (every error of the output compilation was already in the input).
/// </summary>
public sealed class RobustnessTests
{
    [Theory]
    [InlineData("syntax error in the body", "public static partial class C { [Pix.PerformanceInterface] public static int M(int n) { for (int i = 0; i < n; i++ { } return n; } }")]
    [InlineData("unfinished method", "public static partial class C { [Pix.PerformanceInterface] public static int M(int n")]
    [InlineData("missing parameter type", "public static partial class C { [Pix.PerformanceInterface] public static int M(Missing m, int n) => n; }")]
    [InlineData("missing type in the body", "public static partial class C { [Pix.PerformanceInterface] public static int M(int n) { var x = new Missing(n); return x.Count; } }")]
    [InlineData("missing return type", "public static partial class C { [Pix.PerformanceInterface] public static Missing M(int n) => default; }")]
    [InlineData("missing generic argument", "public static partial class C { [Pix.PerformanceInterface] public static int M(System.Collections.Generic.List<Missing> items) => items.Count; }")]
    [InlineData("non-partial type", "public static class C { [Pix.PerformanceInterface] public static int M(int n) => n; }")]
    [InlineData("non-partial outer type", "public class O { public partial class C { [Pix.PerformanceInterface] public static int M(int n) => n; } }")]
    [InlineData("local function", "public static partial class C { public static int M(int n) { [Pix.PerformanceInterface] int Local() => n; return Local(); } }")]
    [InlineData("empty body", "public partial class C { [Pix.PerformanceInterface] public void M() { } }")]
    [InlineData("abstract method", "public abstract partial class C { [Pix.PerformanceInterface] public abstract int M(int n); }")]
    [InlineData("partial method without body", "public partial class C { [Pix.PerformanceInterface] partial void M(int n); }")]
    [InlineData("constructor", "public partial class C { [Pix.PerformanceInterface] public C(int n) { } }")]
    [InlineData("attribute without using", "public partial class C { [PerformanceInterface] public int M(int n) => n; }")]
    [InlineData("attribute with a bad argument", "public partial class C { [Pix.PerformanceInterface(Resolution = \"x\")] public int M(int n) => n; }")]
    [InlineData("name collision", "public partial class C { [Pix.PerformanceInterface] public int M(int n) => n; public int LatencyOf_M; }")]
    [InlineData("parameter named hw", "public partial class C { [Pix.PerformanceInterface] public int M(int hw, int profile) { for (int i = 0; i < hw; i++) { } return hw; } }")]
    [InlineData("keyword names", "public partial class @class { [Pix.PerformanceInterface] public int @int(int @for) { for (int i = 0; i < @for; i++) { } return @for; } }")]
    [InlineData("override hides the base companion", "public partial class B { [Pix.PerformanceInterface] public virtual int M(int n) => n; } public partial class D : B { [Pix.PerformanceInterface] public override int M(int n) { for (int i = 0; i < n; i++) { } return n; } }")]
    [InlineData("recursion", "public static partial class C { [Pix.PerformanceInterface] public static int F(int n) => n <= 1 ? n : F(n - 1) + F(n - 2); }")]
    [InlineData("async and iterators", "public static partial class C { [Pix.PerformanceInterface] public static async System.Threading.Tasks.Task<int> A(int n) { await System.Threading.Tasks.Task.Yield(); return n; } [Pix.PerformanceInterface] public static System.Collections.Generic.IEnumerable<int> I(int n) { for (int i = 0; i < n; i++) yield return i; } }")]
    [InlineData("pointers", "public static unsafe partial class C { [Pix.PerformanceInterface] public static int M(byte* p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i]; return s; } }")]
    [InlineData("generic type with constraints", "public partial class Box<T> where T : class, new() { [Pix.PerformanceInterface] public T M<U>(U u) where U : notnull => new T(); }")]
    [InlineData("two declarations of the same method", "public partial class C { [Pix.PerformanceInterface] public int M(int n) => n; [Pix.PerformanceInterface] public int M(int n) => n; }")]
    public void The_generator_never_throws_and_never_adds_errors(string what, string source)
    {
        Compilation input = Pix.Testing.TestCompilation.CreateNamed("Robustness", source);
        GeneratorDriver driver = GeneratorRunner.CreateDriver(Pix.Testing.TestCompilation.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.True(run.Exception is null, $"{what}: the generator threw {run.Exception}");
        Assert.Empty(diagnostics);

        var before = input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToHashSet();
        var added = output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && !before.Contains(d.ToString()))
            .ToArray();
        Assert.True(added.Length == 0, $"{what}: generated code added errors:\n{string.Join("\n", added.Select(d => d.ToString()))}\n"
            + string.Join("\n", run.GeneratedSources.Select(s => s.SourceText.ToString())));
    }

    [Fact]
    public void Only_supported_methods_get_a_companion()
    {
        Compilation input = Pix.Testing.TestCompilation.CreateNamed(
            "Robustness",
            "public class NotPartial { [Pix.PerformanceInterface] public int M(int n) => n; } public partial class Partial { [Pix.PerformanceInterface] public int M(int n) => n; }");
        (_, GeneratorRunResult run) = GeneratorRunner.Run(input);
        Assert.Equal(new[] { "Partial.Pix.g.cs" }, run.GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public void An_overrides_companion_hides_its_base_companion_without_a_warning()
    {
        Compilation input = Pix.Testing.TestCompilation.CreateNamed(
            "Robustness",
            "public partial class B { [Pix.PerformanceInterface] public virtual int M(int n) => n; } public partial class D : B { [Pix.PerformanceInterface] public override int M(int n) { for (int i = 0; i < n; i++) { } return n; } }");
        (Compilation output, GeneratorRunResult run) = GeneratorRunner.Run(input);
        Assert.Contains("#pragma warning disable CS0108", run.GeneratedSources.Single(s => s.HintName == "D.Pix.g.cs").SourceText.ToString());
        Compile.AssertGeneratedClean(output);
    }

    [Fact]
    public void Generic_and_non_generic_types_of_one_name_get_distinct_files()
    {
        Compilation input = Pix.Testing.TestCompilation.CreateNamed(
            "Robustness",
            "namespace N { public partial class Box { [Pix.PerformanceInterface] public int M(int n) => n; } public partial class Box<T> { [Pix.PerformanceInterface] public int M(int n) => n; } public partial class Box<T, U> { [Pix.PerformanceInterface] public int M(int n) => n; } }");
        (Compilation output, GeneratorRunResult run) = GeneratorRunner.Run(input);
        Assert.Equal(new[] { "N.Box.Pix.g.cs", "N.Box_1.Pix.g.cs", "N.Box_2.Pix.g.cs" }, run.GeneratedSources.Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal));
        Compile.AssertClean(output);
    }

    [Fact]
    public void Generated_code_compiles_without_warnings_as_CSharp8_with_nullable_enabled()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using Pix;

            namespace Demo
            {
                /// <summary>Subject.</summary>
                public partial class Subject<T> where T : class
                {
                    private readonly List<T> _items = new List<T>();

                    /// <summary>Finds an item.</summary>
                    [PerformanceInterface]
                    public int Find(T? item, ReadOnlySpan<byte> key, ref int hint, out int probes)
                    {
                        probes = 0;
                        for (int i = 0; i < _items.Count; i++)
                        {
                            probes++;
                            if (ReferenceEquals(_items[i], item)) return i;
                        }

                        return key.Length + hint;
                    }

                    /// <summary>Sums.</summary>
                    [PerformanceInterface]
                    public static long Sum<TValue>(TValue[] values, Func<TValue, long> selector) where TValue : struct
                    {
                        long sum = 0;
                        foreach (TValue v in values) sum += selector(v);
                        return sum;
                    }
                }
            }
            """;
        Compilation input = Compile.Library(Compile.CSharp8, source);
        (Compilation output, _) = GeneratorRunner.Run(input);
        Compile.AssertClean(output);
    }
}
