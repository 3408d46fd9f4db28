using Microsoft.CodeAnalysis;
using Pix.Generator.Tests.Infrastructure;

namespace Pix.Generator.Tests;

/// <summary>
/// Companions of methods shaped as real code bases shape them, in the strictest project (nullable enabled,
/// warnings as errors), called from the user's own code the way the method itself is called: the generator
/// must not throw, and neither the generated files nor the user's calls may get a warning the method's own
/// declaration and calls do not have.
/// </summary>
public sealed class CompanionCallerTests
{
    private const string Loop = "{ int s = 0; for (int i = 0; i < n; i++) s++; return s; }";

    [Theory]
    [InlineData("a generic type and a type named as its generated file (Box<T> and Box_1)",
        "internal partial class Box<T> { [Pix.PerformanceInterface] public static int M(int n) " + Loop + " }",
        "internal partial class Box_1 { [Pix.PerformanceInterface] public static int M(int n) " + Loop + " }")]
    [InlineData("two types whose names differ only in case (hint names are compared ignoring case)",
        "internal partial class Case { [Pix.PerformanceInterface] public static int M(int n) " + Loop + " }",
        "internal partial class CASE { [Pix.PerformanceInterface] public static int M(int n) " + Loop + " }")]
    public void Types_whose_file_names_would_collide_each_get_their_companions(string what, string first, string second)
    {
        Compilation input = Compile.Library(Compile.Latest, "namespace N;\n" + first, "namespace N;\n" + second);
        Compile.AssertClean(input);

        (Compilation output, GeneratorRunResult run) = GeneratorRunner.Run(input);

        Assert.True(run.GeneratedSources.Length == 2, what);
        Compile.AssertClean(output);
    }

    [Theory]
    [InlineData("an [Obsolete] method taking an obsolete type (CS0618 in the companion)",
        "[System.Obsolete(\"old\")] internal sealed class Old { internal int[] A = new int[1]; }\n"
        + "internal static partial class C { [System.Obsolete(\"use New\")] [Pix.PerformanceInterface] public static int M(Old o) { int n = o.A.Length; int s = 0; for (int i = 0; i < n; i++) s++; return s; } }",
        "")]
    [InlineData("an [Experimental] method taking an experimental type (an error in the companion)",
        "[System.Diagnostics.CodeAnalysis.Experimental(\"EXP1\")] internal sealed class New { internal int[] A = new int[1]; }\n"
        + "internal static partial class C { [System.Diagnostics.CodeAnalysis.Experimental(\"EXP1\")] [Pix.PerformanceInterface] public static int M(New o) { int n = o.A.Length; int s = 0; for (int i = 0; i < n; i++) s++; return s; } }",
        "")]
    [InlineData("a protected override in a sealed class (CS0628: new protected member in a sealed type)",
        "internal abstract class B { protected abstract int M(int n); }\n"
        + "internal sealed partial class D : B { [Pix.PerformanceInterface] protected override int M(int n) " + Loop + " }",
        "")]
    [InlineData("a method in a #nullable disable context, called with null as the method is (CS8625, CS8620)",
        "#nullable disable\n"
        + "internal static partial class C { [Pix.PerformanceInterface] public static int M(string s, System.Collections.Generic.List<string> l) { int n = l.Count; int t = 0; for (int i = 0; i < n; i++) t++; return t + (s == null ? 0 : 1); } }\n"
        + "#nullable restore\n",
        "internal static class Caller { internal static double Use() => C.M(null, new System.Collections.Generic.List<string?>()) + C.LatencyOf_M(null, new System.Collections.Generic.List<string?>(), Pix.HardwareProfile.Reference).Nanoseconds; }")]
    public void Companions_add_no_warning_to_the_project_or_its_callers(string what, string declarations, string caller)
    {
        // The declarations alone are clean; the caller calls the method as it calls its companion.
        Compile.AssertClean(Compile.Library(Compile.Latest, "namespace N;\n" + declarations));
        Compilation input = Compile.Library(Compile.Latest, "namespace N;\n" + declarations, "namespace N;\n" + caller);

        // With and without the ExplainLatencyOf_X twins (PixExplain), which repeat the companion's signature.
        foreach (string? explain in new[] { null, "true" })
        {
            (Compilation output, GeneratorRunResult run) = GeneratorRunner.Run(input, pixExplain: explain);

            Assert.True(run.GeneratedSources.Length > 0, what);
            Compile.AssertClean(output);
        }
    }
}
