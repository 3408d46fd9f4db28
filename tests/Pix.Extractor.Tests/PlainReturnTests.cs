using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Analysis;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// The throw-helper rule's answer from syntax (<see cref="PlainReturn"/>): a body ending in <c>return e;</c>, <c>e</c> a
/// plain value, is not bound to be told "does not always throw". The shortcut must give the rule's own answer: for every
/// form it accepts, the rule on the bound body says "no" without asking about any callee (so the verdict, and the bodies it
/// read, are the same); forms that bind to a call or a throw are refused.
/// </summary>
[Collection(ProcessWideCacheCollection.Name)] // MethodBodies.MeterForMeasurement is process-wide
public sealed class PlainReturnTests
{
    private const string Source = """
        public class R
        {
            private int _f;
            private int[] _a = new int[4];
            private System.Func<int> _d = () => 1;

            public static int Literal(int n) { if (n < 0) Fail(); return 0; }
            public static int Name(int n) { if (n < 0) Fail(); return n; }
            public static int Parenthesized(int n) { if (n < 0) Fail(); return ((n)); }
            public int Field(int n) { if (n < 0) Fail(); return this._f; }
            public static int Operator(int n) { if (n < 0) Fail(); return n * 2 + Helper(n); }
            public static int Unary(int n) { if (n < 0) Fail(); return -n; }
            public static int Increment(int n) { if (n < 0) Fail(); return n++; }
            public static object Created(int n) { if (n < 0) Fail(); return new object(); }
            public static int[] Array(int n) { if (n < 0) Fail(); return new int[n]; }
            public static int Conditional(int n) { if (n < 0) Fail(); return n > 3 ? Helper(n) : Throw(); }
            public static string Interpolated(int n) { if (n < 0) Fail(); return $"{Helper(n)}"; }
            public static bool Pattern(object o) { if (o == null) Fail(); return o is int; }
            public static (int, int) Tuple(int n) { if (n < 0) Fail(); return (n, Helper(n)); }
            public static string Coalesce(string s) { return s ?? throw new System.ArgumentNullException(); }
            public int Assigned(int n) { if (n < 0) Fail(); return _f = Helper(n); }
            public static System.Type TypeOf(int n) { if (n < 0) Fail(); return typeof(int); }

            public static int Call(int n) { return Throw(); }
            public static int Suppressed(int n) { return Throw()!; }
            public static int Cast(int n) { return (int)Throw(); }
            public int Element(int n) { return _a[n]; }
            public int Delegate(int n) { return _d(); }
            public static int ThrowExpression(int n) { return n > 0 ? n : throw new System.Exception(); }
            public static int Last(int n) { if (n > 0) return n; throw new System.Exception(); }
            public static int Arrow(int n) => n;

            private static int Helper(int n) => n + 1;
            private static int Throw() => throw new System.InvalidOperationException();
            private static void Fail() => throw new System.InvalidOperationException();
        }
        """;

    private static readonly string[] PlainNames =
    [
        "Literal", "Name", "Parenthesized", "Field", "Operator", "Unary", "Increment", "Created", "Array", "Conditional",
        "Interpolated", "Pattern", "Tuple", "Coalesce", "Assigned", "TypeOf",
    ];

    public static TheoryData<string> Plain => new(PlainNames);

    [Theory]
    [MemberData(nameof(Plain))]
    public void A_plain_return_is_the_rules_no_with_no_callee_asked(string name)
    {
        Compilation compilation = CallGraphTests.Compile(Source);
        IMethodSymbol method = CallGraphTests.Method(compilation, "R", name);

        Assert.True(PlainReturn.Ends(method, compilation, CancellationToken.None));
        IOperation body = MethodBodies.Find(method, compilation, tree => compilation.GetSemanticModel(tree), CancellationToken.None)!;
        var asked = new List<string>();
        Assert.False(MethodAnalyzer.EndsInThrow(body, callee =>
        {
            asked.Add(callee.Name);
            return true;
        }));
        Assert.Empty(asked);
    }

    [Theory]
    [InlineData("Call")]
    [InlineData("Suppressed")]
    [InlineData("Cast")]
    [InlineData("Element")]
    [InlineData("Delegate")]
    [InlineData("Last")]
    [InlineData("Arrow")]
    [InlineData("Throw")]
    public void A_return_that_may_bind_to_a_call_or_a_throw_is_left_to_the_rule(string name)
    {
        Compilation compilation = CallGraphTests.Compile(Source);

        Assert.False(PlainReturn.Ends(CallGraphTests.Method(compilation, "R", name), compilation, CancellationToken.None));
    }

    [Fact]
    public void The_rule_binds_no_plain_body_and_its_verdicts_are_unchanged()
    {
        Compilation compilation = CallGraphTests.Compile(Source);
        var bound = new List<string>();
        var meter = new NamesBound(bound);
        MethodBodies.MeterForMeasurement = meter;
        var verdicts = new Dictionary<string, ThrowVerdict?>();
        try
        {
            var rule = ThrowingMethods.For(compilation);
            foreach (string name in PlainNames.Concat(["Call", "ThrowExpression", "Throw"]))
            {
                verdicts[name] = rule.Of(CallGraphTests.Method(compilation, "R", name), skipNullableAnalysis: true, CancellationToken.None);
            }
        }
        finally
        {
            MethodBodies.MeterForMeasurement = null;
        }

        foreach (string name in PlainNames)
        {
            Assert.DoesNotContain(name, bound);
            Assert.False(verdicts[name]!.AlwaysThrows);
            Assert.Equal(name, Names(verdicts[name]!));
        }

        // Bodies the rule must read still are, and decide as before: Call ends by calling Throw, which always throws.
        Assert.Contains("Call", bound);
        Assert.True(verdicts["Call"]!.AlwaysThrows);
        Assert.Equal("Call Throw", Names(verdicts["Call"]!));
        Assert.False(verdicts["ThrowExpression"]!.AlwaysThrows);
    }

    private static string Names(ThrowVerdict verdict) =>
        string.Join(" ", Enumerable.OrderBy(Enumerable.Select<IMethodSymbol, string>(verdict.BodiesRead, m => m.Name), n => n, System.StringComparer.Ordinal));

    private sealed class NamesBound(List<string> names) : ISummaryMeter
    {
        public void Started()
        {
        }

        public void Finished(IMethodSymbol method, SummaryWork work)
        {
            if (work == SummaryWork.ThrowRuleBinding)
            {
                names.Add(method.Name);
            }
        }
    }
}
