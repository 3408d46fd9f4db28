using System.Linq;
using Pix.Model;

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
    public void Method_groups_and_delegates(string body, double allocations) =>
        Assert.Equal(allocations, CreationAllocations("public static Func<int> Sink; static int Twice(this string s) => s.Length * 2;", body));
}
