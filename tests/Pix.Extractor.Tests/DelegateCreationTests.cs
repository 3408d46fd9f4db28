using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// Creating a delegate runs none of its body: it costs what the C# compiler's lowering allocates, and is
/// no gap (MethodAnalyzer.Delegates.cs); invoking one is the opaque `delegate call`.
/// </summary>
public sealed class DelegateCreationTests
{
    [Theory]
    [InlineData("Sink = () => 1;", 0)]                 // captures nothing: a cached delegate
    [InlineData("Sink = Constant;", 0)]                // a static method group: cached too
    [InlineData("Sink = () => n;", 2)]                 // captures a parameter: a closure and a delegate
    [InlineData("int k = n * 3; Sink = () => k;", 2)]  // captures a local
    [InlineData("Sink = () => { int local = 4; return local; };", 0)] // its own locals are no capture
    public void A_static_context_allocates_only_for_what_the_lambda_captures(string body, int allocations)
    {
        InterfaceModel model = Extraction.Extract(
            "static class C { public static Func<int> Sink; static int Constant() => 7; public static void M(int n) { " + body + " } }");

        Assert.DoesNotContain(model.Gaps, g => g.Construct == "lambda");
        Assert.Equal(allocations, model.Pieces.Single().Terms.Sum(t => t.Block.CountOf(OperationClass.Allocation)));
    }

    [Theory]
    [InlineData("Sink = () => _k;", 1)]        // captures this: a new delegate each time
    [InlineData("Sink = Instance;", 1)]        // an instance method group: the same
    [InlineData("Sink = () => _k + n;", 2)]    // this and a parameter: the closure holds both
    public void An_instance_context_allocates_a_delegate_per_creation(string body, int allocations)
    {
        InterfaceModel model = Extraction.Extract(
            "class C { int _k = 2; public Func<int> Sink; int Instance() => _k; public void M(int n) { " + body + " } }");

        Assert.DoesNotContain(model.Gaps, g => g.Construct == "lambda");
        Assert.Equal(allocations, model.Pieces.Single().Terms.Sum(t => t.Block.CountOf(OperationClass.Allocation)));
    }

    [Fact]
    public void What_invokes_the_body_is_the_gap()
    {
        InterfaceModel model = Extraction.Extract(@"static class C {
            static int Apply(Func<int, int> f, int x) => f(x);
            public static int M(int n) => Apply(x => x + 1, n); }");

        Gap gap = Assert.Single(model.Gaps);
        Assert.Equal("delegate call", gap.Construct);
    }
}
