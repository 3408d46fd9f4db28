using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Pix.Generator.Tests.Infrastructure;

namespace Pix.Generator.Tests;

/// <summary>
/// Shapes a user writes in the first hour, in the strictest project: nullable enabled, documentation
/// diagnosed, warnings as errors. The generated companions must add no warning to it.
/// </summary>
public sealed class FirstHourShapesTests
{
    private const string Doc = "/// <summary>x</summary>\n";

    [Theory]
    [InlineData("a ref struct (ref partial struct, not partial ref struct: CS1585)",
        Doc + "public ref partial struct R { " + Doc + "public System.Span<int> S; " + Doc + "/// <returns>r</returns>\n[Pix.PerformanceInterface] public int Sum() { int s = 0; for (int i = 0; i < S.Length; i++) s += S[i]; return s; } }")]
    [InlineData("a readonly ref struct",
        Doc + "public readonly ref partial struct R { " + Doc + "public readonly System.ReadOnlySpan<int> S; " + Doc + "/// <returns>r</returns>\n[Pix.PerformanceInterface] public int Sum() { int s = 0; for (int i = 0; i < S.Length; i++) s += S[i]; return s; } }")]
    [InlineData("a nullable array the method checks for null (CS8602)",
        Doc + "public static partial class C { " + Doc + "/// <param name=\"a\">a</param><returns>r</returns>\n[Pix.PerformanceInterface] public static int M(int[]? a) { if (a is null) return 0; int s = 0; for (int i = 0; i < a.Length; i++) s += a[i]; return s; } }")]
    [InlineData("a nullable list checked with || (CS8602)",
        Doc + "public static partial class C { " + Doc + "/// <param name=\"a\">a</param><returns>r</returns>\n[Pix.PerformanceInterface] public static int M(System.Collections.Generic.List<int>? a) { if (a == null || a.Count == 0) return 0; int s = 0; foreach (var x in a) s += x; return s; } }")]
    [InlineData("a tuple parameter (no tuple syntax in a cref: CS1584)",
        Doc + "public static partial class C { " + Doc + "/// <param name=\"t\">a</param><returns>r</returns>\n[Pix.PerformanceInterface] public static int M((int n, string s) t) { int x = 0; for (int i = 0; i < t.n; i++) x++; return x; } }")]
    [InlineData("a function-pointer parameter (no cref can name it: CS1584)",
        Doc + "public static unsafe partial class C { " + Doc + "/// <param name=\"f\">a</param><param name=\"n\">a</param><returns>r</returns>\n[Pix.PerformanceInterface] public static int M(delegate*<int, int> f, int n) { int s = 0; for (int i = 0; i < n; i++) s += f(i); return s; } }")]
    [InlineData("a type parameter named hw (CS0412)",
        Doc + "public static partial class C { " + Doc + "/// <typeparam name=\"hw\">t</typeparam><param name=\"a\">a</param><returns>r</returns>\n[Pix.PerformanceInterface] public static int M<hw>(hw[] a) { int s = 0; for (int i = 0; i < a.Length; i++) s++; return s; } }")]
    [InlineData("an extension method in a file-scoped namespace",
        "namespace N; " + Doc + "public static partial class E { " + Doc + "/// <param name=\"a\">a</param><returns>r</returns>\n[Pix.PerformanceInterface] public static int M(this int[] a) { int s = 0; foreach (var x in a) s += x; return s; } }")]
    [InlineData("a method of a type nested in a generic type",
        "namespace N; " + Doc + "public partial class O<T> { " + Doc + "public partial class I<U> where U : notnull { " + Doc + "/// <param name=\"t\">a</param><param name=\"u\">a</param><param name=\"l\">a</param><returns>r</returns>\n[Pix.PerformanceInterface] public int M(T t, U u, System.Collections.Generic.List<T> l) { int s = 0; for (int i = 0; i < l.Count; i++) s++; return s; } } }")]
    public void Generated_code_adds_no_warning_to_a_strict_project(string what, string declarations)
    {
        Compilation input = Compile.Library(Compile.Latest, declarations);
        Compile.AssertClean(input);

        GeneratorDriver driver = GeneratorRunner.CreateDriver(Compile.Latest)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> _);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.True(run.Exception is null, $"{what}: the generator threw {run.Exception}");
        Assert.NotEmpty(run.GeneratedSources);
        Compile.AssertGeneratedClean(output);
    }
}
