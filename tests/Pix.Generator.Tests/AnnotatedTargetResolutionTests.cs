using System.Linq;
using Microsoft.CodeAnalysis;
using Pix.Generator.Tests.Infrastructure;

namespace Pix.Generator.Tests;

/// <summary>
/// The attribute step hands extraction a documentation ID, and extraction finds the method again by it: every
/// annotated method a companion was written for before must still get its own companion.
/// </summary>
public sealed class AnnotatedTargetResolutionTests
{
    [Theory]
    [InlineData("function pointer parameter", "public static unsafe partial class C { [Pix.PerformanceInterface] public static int M(delegate*<int, int> f, int n) { int s = 0; for (int i = 0; i < n; i++) s += f(i); return s; } }", "LatencyOf_M")]
    [InlineData("unmanaged function pointer parameter", "public static unsafe partial class C { [Pix.PerformanceInterface] public static int M(delegate* unmanaged<int, int> f, int n) { int s = 0; for (int i = 0; i < n; i++) s += f(i); return s; } }", "LatencyOf_M")]
    [InlineData("member of a generic type nested in a generic type", "public partial class O<T> { public partial class I<U> { [Pix.PerformanceInterface] public int M(T t, U u, int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; } } }", "LatencyOf_M")]
    [InlineData("generic method of a nested generic type", "public partial class O<T> { public partial class I<U> { [Pix.PerformanceInterface] public int M<V>(T t, U u, V v, System.Collections.Generic.List<V> l, int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; } } }", "LatencyOf_M")]
    [InlineData("attribute on a partial implementation", "public partial class C { public partial int M(int n); [Pix.PerformanceInterface] public partial int M(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; } }", "LatencyOf_M")]
    [InlineData("overloads by generic arity", "public partial class C { [Pix.PerformanceInterface] public int M(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; } [Pix.PerformanceInterface] public int M<T>(int n) { int s = 0; for (int i = 0; i < n; i++) s += i * 2; return s; } }", "LatencyOf_M")]
    [InlineData("multidimensional and jagged arrays", "public partial class C { [Pix.PerformanceInterface] public int M(int[,] a, int[][] b, int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; } }", "LatencyOf_M")]
    [InlineData("in and ref parameters", "public partial class C { [Pix.PerformanceInterface] public int M(in int a, ref int b, int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; } }", "LatencyOf_M")]
    [InlineData("tuple, dynamic and nint parameters", "public partial class C { [Pix.PerformanceInterface] public int M((int A, string B) t, dynamic d, nint x, int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; } }", "LatencyOf_M")]
    [InlineData("struct nested in a generic struct", "public partial struct S<T> where T : struct { public partial struct In { [Pix.PerformanceInterface] public int M(T? t, S<T>.In x, int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; } } }", "LatencyOf_M")]
    [InlineData("record", "public partial record R(int X) { [Pix.PerformanceInterface] public int M(int n) { int s = 0; for (int i = 0; i < n; i++) s += X; return s; } }", "LatencyOf_M")]
    [InlineData("extension method", "public static partial class E { [Pix.PerformanceInterface] public static int M(this int[] a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; } }", "LatencyOf_M")]
    public void Each_annotated_method_gets_a_companion(string what, string source, string expected)
    {
        Compilation input = Pix.Testing.TestCompilation.CreateNamed("Resolution", source);
        GeneratorDriver driver = GeneratorRunner.CreateDriver(Pix.Testing.TestCompilation.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.True(run.Exception is null, $"{what}: threw {run.Exception}");
        string text = string.Join("\n", run.GeneratedSources.Select(s => s.SourceText.ToString()));
        Assert.True(text.Contains(expected), $"{what}: no {expected} in:\n{text}\nerrors: " + string.Join("\n", input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)));
    }
    [Fact]
    public void A_file_local_type_of_the_same_name_does_not_take_the_companion_of_the_public_one()
    {
        // Both methods have the documentation ID M:C.M(System.Int32): a file-local type gets no companion, the public one does.
        Compilation input = Pix.Testing.TestCompilation.CreateNamed(
            "Resolution",
            "file partial class C { [Pix.PerformanceInterface] public int M(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; } }",
            "public partial class C { [Pix.PerformanceInterface] public int M(int n) { int s = 0; for (int i = 0; i < n; i++) s += 2 * i; return s; } }");
        Assert.Empty(input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        (Compilation output, GeneratorRunResult run) = GeneratorRunner.Run(input);

        Assert.Contains("LatencyOf_M", Assert.Single(run.GeneratedSources).SourceText.ToString());
        Compile.AssertGeneratedClean(output);
    }
    [Fact]
    public void Overloads_differing_only_in_a_function_pointer_type_each_get_their_own_companion()
    {
        Compilation input = Pix.Testing.TestCompilation.CreateNamed(
            "Resolution",
            "public static unsafe partial class C { [Pix.PerformanceInterface] public static int M(delegate*<int, int> f, int n) { int s = 0; for (int i = 0; i < n; i++) s += f(i); return s; } "
            + "[Pix.PerformanceInterface] public static long M(delegate*<long, long> f, int n) { long s = 0; for (int i = 0; i < n; i++) s += f(i) * 3; return s; } }");
        Assert.Empty(input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        (Compilation output, GeneratorRunResult run) = GeneratorRunner.Run(input);

        string text = Assert.Single(run.GeneratedSources).SourceText.ToString();
        Assert.Contains("delegate*<int, int> f", text);
        Assert.Contains("delegate*<long, long> f", text);
        Compile.AssertGeneratedClean(output);
    }
}
