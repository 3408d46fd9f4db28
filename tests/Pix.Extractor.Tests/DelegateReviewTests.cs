using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Extraction;
using Pix.Model;
using Pix.Testing;

namespace Pix.Extractor.Tests;

/// <summary>
/// Review of MethodAnalyzer.Delegates.cs: what a delegate's creation allocates when what it captures is
/// not a plain variable reference in its body.
/// </summary>
public sealed class DelegateReviewTests
{
    private static double CreationAllocations(string members, string body, bool instance = false) =>
        Extraction.Extract((instance ? "class C { int _k = 2; " : "static class C { ") + members + " public " + (instance ? "" : "static ") + "void M(int n, string s) { " + body + " } }")
            .Pieces.Single().Terms.Sum(t => t.Block.CountOf(OperationClass.Allocation));

    [Theory]
    [InlineData("Sink = () => new Box { V = 1 }.V;", 0)]               // an object initializer's receiver is no `this`
    [InlineData("Sink = () => new { A = 1 }.A;", 0)]                   // nor an anonymous type's
    [InlineData("Sink = static () => 1;", 0)]                          // a static lambda
    [InlineData("const int k = 3; Sink = () => k;", 0)]                // a constant is no capture: its value is compiled in
    [InlineData("Sink = () => nameof(n).Length;", 0)]                  // nor is a name
    [InlineData("Sink = () => { Func<int> g = () => n; return g(); };", 2)] // captured by a nested lambda
    [InlineData("Sink = () => Local(); int Local() => n;", 2)]         // captured through a local function
    [InlineData("Sink = () => Outer(); int Outer() => Inner(); int Inner() => n;", 2)] // through two
    [InlineData("Sink = Local; int Local() => n;", 2)]                 // a local function's group: its closure too
    [InlineData("Sink = () => Local(); static int Local() => 3;", 0)]  // a static local function captures nothing
    public void A_static_context(string body, double allocations) =>
        Assert.Equal(allocations, CreationAllocations("public static Func<int> Sink; sealed class Box { public int V; }", body));

    [Theory]
    [InlineData("Sink = () => Instance();", 1)]                        // `this` through an implicit receiver
    [InlineData("Sink = () => Local(); int Local() => _k;", 1)]        // `this` through a local function
    public void An_instance_context(string body, double allocations) =>
        Assert.Equal(allocations, CreationAllocations("public Func<int> Sink; int Instance() => _k;", body, instance: true));

    [Theory]
    [InlineData("Sink = () => p;", 1)]                                 // a primary-constructor parameter is a field of this
    [InlineData("Sink = () => p + n;", 2)]                             // with a parameter of the method: a closure
    public void A_class_with_a_primary_constructor(string body, double allocations) =>
        Assert.Equal(allocations, Extraction.Extract("class C(int p) { public Func<int> Sink; public void M(int n) { " + body + " } }")
            .Pieces.Single().Terms.Sum(t => t.Block.CountOf(OperationClass.Allocation)));

    [Theory]
    [InlineData("Sink = s.Twice;", 1)]                                 // an extension method group binds its receiver: a new delegate
    [InlineData("Func<int> f = () => n; Sink = new Func<int>(f);", 3)] // a delegate from a delegate: one more
    [InlineData("Sink = new Box().Get;", 2)]                           // the receiver is evaluated: its allocation too
    [InlineData("Sink = n.GetHashCode;", 2)]                           // a value-type receiver is boxed
    public void Method_groups_and_delegates(string body, double allocations) =>
        Assert.Equal(allocations, CreationAllocations("public static Func<int> Sink; static int Twice(this string s) => s.Length * 2; sealed class Box { public int Get() => 1; }", body));

    [Theory]
    [InlineData("System.Linq.Expressions.Expression<Func<int>> e = () => 1;")]
    [InlineData("System.Linq.Expressions.Expression<Func<int, int>> e = x => x + n;")]
    public void A_lambda_converted_to_an_expression_tree_is_no_delegate(string body)
    {
        // The compiler emits calls that build the tree (Expression.Lambda, .Constant, .Add, …) each time: no cached
        // delegate, and not priced by the delegate lowering.
        InterfaceModel model = Extraction.Extract("static class C { public static void M(int n) { " + body + " } }");

        Assert.NotEmpty(model.Gaps);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp10, 1)]   // C# 10 and before: a new delegate per conversion
    [InlineData(LanguageVersion.CSharp11, 0)]   // C# 11 caches a static method group's delegate
    public void A_static_method_group_is_cached_from_CSharp_11(LanguageVersion version, double allocations)
    {
        const string Source = "static class C { public static Func<int> Sink; static int Constant() => 7; public static void M(int n) { Sink = Constant; } }";
        var tree = CSharpSyntaxTree.ParseText(Extraction.Usings + Source, new CSharpParseOptions(version));
        Compilation compilation = CSharpCompilation.Create("LangVersion", new[] { tree }, TestCompilation.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        TestCompilation.AssertNoErrors(compilation);
        InterfaceModel model = InterfaceExtractor.Extract(Extraction.FindMethod(compilation, "M"), compilation, ExtractionOptions.Default, CancellationToken.None);

        Assert.Equal(allocations, model.Pieces.Single().Terms.Sum(t => t.Block.CountOf(OperationClass.Allocation)));
    }
}
