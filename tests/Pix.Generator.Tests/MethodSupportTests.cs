using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pix.Targets;
using Pix.Testing;

namespace Pix.Generator.Tests;

/// <summary>The shared "which methods can get a LatencyOf_X, and why not" check.</summary>
public sealed class MethodSupportTests
{
    [Theory]
    [InlineData("public static partial class C { [Pix.PerformanceInterface] public static int M(int n) => n; }", "C", "M")]
    [InlineData("partial struct C { [Pix.PerformanceInterface] int M(ref int n, out int m, in int k) { m = 0; return n; } }", "C", "M")]
    [InlineData("partial record R { [Pix.PerformanceInterface] int M() => 1; }", "R", "M")]
    [InlineData("partial record struct R { [Pix.PerformanceInterface] int M() => 1; }", "R", "M")]
    [InlineData("partial class O { partial class I<T> { [Pix.PerformanceInterface] T M<U>(T t, U u) where U : struct => t; } }", "O+I`1", "M")]
    [InlineData("partial class C { [Pix.PerformanceInterface] partial void M(int n); partial void M(int n) { } }", "C", "M")]
    public void Ordinary_methods_of_partial_types_are_supported(string source, string type, string method) =>
        Assert.Equal(MethodSupport.Supported, Check(source, type, method));

    [Theory]
    [InlineData("class C { [Pix.PerformanceInterface] int M() => 1; }", "C", "M", "C")]
    [InlineData("class O { partial class C { [Pix.PerformanceInterface] int M() => 1; } }", "O+C", "M", "O")]
    [InlineData("partial class O { class C { [Pix.PerformanceInterface] int M() => 1; } }", "O+C", "M", "O.C")]
    public void Every_type_of_the_chain_must_be_partial(string source, string type, string method, string culprit)
    {
        MethodSupport support = Check(source, type, method);
        Assert.Equal(MethodSupportStatus.NotPartial, support.Status);
        Assert.Equal(culprit, support.NonPartialType);
        Assert.Contains("partial", support.Message);
    }

    [Theory]
    [InlineData("partial class C { public C() { } }", "C", ".ctor", UnsupportedReason.Constructor)]
    [InlineData("partial class C { static C() { } }", "C", ".cctor", UnsupportedReason.Constructor)]
    [InlineData("partial class C { ~C() { } }", "C", "Finalize", UnsupportedReason.Destructor)]
    [InlineData("partial class C { int P { get => 1; } }", "C", "get_P", UnsupportedReason.Accessor)]
    [InlineData("partial class C { public static C operator +(C a, C b) => a; }", "C", "op_Addition", UnsupportedReason.Operator)]
    [InlineData("partial class C : System.IDisposable { void System.IDisposable.Dispose() { } }", "C", "System.IDisposable.Dispose", UnsupportedReason.ExplicitInterfaceImplementation)]
    [InlineData("partial interface I { int M() => 1; }", "I", "M", UnsupportedReason.InterfaceMember)]
    [InlineData("abstract partial class C { public abstract int M(); }", "C", "M", UnsupportedReason.NoBody)]
    [InlineData("partial class C { [System.Runtime.InteropServices.DllImport(\"x\")] static extern int M(); }", "C", "M", UnsupportedReason.NoBody)]
    [InlineData("partial class C { partial void M(); }", "C", "M", UnsupportedReason.NoBody)]
    [InlineData("file partial class C { int M() => 1; }", "<Test0>F5E3C5E8F7A1B0C6D7E8F9A0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E6F7A8B9C0__C", "M", UnsupportedReason.FileLocalType)]
    [InlineData("partial class C { int M() => 1; int LatencyOf_M; }", "C", "M", UnsupportedReason.NameCollision)]
    [InlineData("partial class C { int M(__arglist) => 1; }", "C", "M", UnsupportedReason.VarArgs)]
    public void Other_kinds_are_unsupported_with_a_reason(string source, string type, string method, UnsupportedReason reason)
    {
        MethodSupport support = Check(source, type, method);
        Assert.Equal(MethodSupportStatus.Unsupported, support.Status);
        Assert.Equal(reason, support.Reason);
        Assert.False(string.IsNullOrEmpty(support.Message));
    }

    [Fact]
    public void Local_functions_are_unsupported()
    {
        CSharpCompilation compilation = TestCompilation.CreateNamed("Test", "partial class C { void M() { [Pix.PerformanceInterface] int Local() => 1; Local(); } }");
        SyntaxTree tree = compilation.SyntaxTrees[0];
        LocalFunctionStatementSyntax local = tree.GetRoot().DescendantNodes().OfType<LocalFunctionStatementSyntax>().Single();
        var symbol = (IMethodSymbol)compilation.GetSemanticModel(tree).GetDeclaredSymbol(local)!;
        Assert.Equal(UnsupportedReason.LocalFunction, MethodSupport.Check(symbol, CancellationToken.None).Reason);
    }

    [Fact]
    public void Overloads_that_differ_only_in_out_parameters_keep_the_first_companion()
    {
        const string source = """
            partial class C
            {
                [Pix.PerformanceInterface] int M(int a) => a;
                [Pix.PerformanceInterface] int M(int a, out int b) { b = a; return a; }
                [Pix.PerformanceInterface] int M(long a) => 1;
                [Pix.PerformanceInterface] int M(ref int a) => a;
            }
            """;
        CSharpCompilation compilation = TestCompilation.CreateNamed("Test", source);
        IMethodSymbol[] overloads = compilation.GetTypeByMetadataName("C")!.GetMembers("M").Cast<IMethodSymbol>().ToArray();
        MethodSupport[] verdicts = overloads.Select(m => MethodSupport.Check(m, CancellationToken.None)).ToArray();

        // M(int) and M(int, out int) both become LatencyOf_M(int, hw): the ordinally first ID, M(System.Int32), wins.
        Assert.Equal(MethodSupport.Supported, verdicts[0]);
        Assert.Equal(UnsupportedReason.OverloadCollision, verdicts[1].Reason);
        Assert.Equal(MethodSupport.Supported, verdicts[2]);
        Assert.Equal(MethodSupport.Supported, verdicts[3]);
    }

    [Fact]
    public void Companion_signature_key_puts_method_type_parameters_by_position()
    {
        CSharpCompilation compilation = TestCompilation.CreateNamed("Test", "partial class C { void A<T>(T t, System.Collections.Generic.List<T> l) { } void B<U>(U u, System.Collections.Generic.List<U> l) { } }");
        INamedTypeSymbol c = compilation.GetTypeByMetadataName("C")!;
        Assert.Equal(
            MethodSupport.CompanionSignatureKey((IMethodSymbol)c.GetMembers("A").Single()),
            MethodSupport.CompanionSignatureKey((IMethodSymbol)c.GetMembers("B").Single()));
    }

    private static MethodSupport Check(string source, string type, string method)
    {
        CSharpCompilation compilation = TestCompilation.CreateNamed("Test", source);
        INamedTypeSymbol? named = compilation.GetTypeByMetadataName(type)
            ?? compilation.GetSymbolsWithName(type.Split('+', '.').Last().Split("__").Last(), SymbolFilter.Type).OfType<INamedTypeSymbol>().Single();
        return MethodSupport.Check((IMethodSymbol)named.GetMembers(method).Single(), CancellationToken.None);
    }
}
