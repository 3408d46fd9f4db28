using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Extraction.Analysis;
using Pix.Model;
using Pix.Testing;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// Review of the call-graph walk (Analysis/CallGraph.cs): cycles closed through calls <see cref="CallGraphTests"/>
/// does not cover (a local function, a generic method called with different type arguments, an extension method,
/// a user-defined conversion, an indexer), found by the walk, and summarised the same whichever method is extracted first.
/// </summary>
[Collection(ProcessWideCacheCollection.Name)]
public sealed class CallGraphReviewTests
{
    private const string Source = """
        public static class S
        {
            // A -> L (A's local function) -> B -> A.
            public static int A(int n)
            {
                return L(n) + 1;
                int L(int k) => k <= 0 ? 0 : B(k - 1);
            }

            public static int B(int n) => n <= 0 ? 1 : A(n - 1) * 2;

            // GA<int> and GA<string> are one method: GA -> GB -> GA.
            public static int GA<T>(T value, int n) => n <= 0 ? 0 : GB(n - 1) + 1;
            public static int GB(int n) => n <= 0 ? 1 : GA("x", n - 1) + GA(3, n - 2);

            // EA -> EB -> EA, called as an extension.
            public static int EA(this int n) => n <= 0 ? 0 : EB(n - 1) + 1;
            public static int EB(int n) => n <= 0 ? 1 : (n - 1).EA() * 3;

            // CA -> W's implicit conversion -> CA; ToInt enters the cycle through the conversion.
            public static int CA(int n) => n <= 0 ? 0 : new W(n) + 1;
            public static int ToInt(W w) => (int)w + 5;
        }

        public readonly struct W
        {
            private readonly int _n;
            public W(int n) { _n = n; }
            public static implicit operator int(W w) => S.CA(w._n - 1) * 2;
        }

        public sealed class H
        {
            // IA -> the indexer's getter -> IA.
            public int this[int i] => i <= 0 ? 0 : IA(i - 1) + 1;
            public int IA(int n) => n <= 0 ? 1 : this[n - 1] * 2;
        }
        """;

    private static ExtractionOptions Options => CallGraphTests.Options;

    private static Compilation Compile() => CallGraphTests.Compile(Source);

    private static IMethodSymbol Method(Compilation compilation, string type, string name) => CallGraphTests.Method(compilation, type, name);

    [Theory]
    [InlineData("S", "A", "A B L")]
    [InlineData("S", "B", "A B L")]
    [InlineData("S", "GB", "GA GB")]
    [InlineData("S", "EA", "EA EB")]
    [InlineData("S", "CA", "CA op_Implicit")]
    [InlineData("H", "IA", "IA get_Item")]
    public void The_walk_finds_a_cycle_through_the_call(string type, string entry, string members)
    {
        Assert.Equal(members, CallGraphTests.Cycle(Compile(), entry, type));
    }

    [Theory]
    [InlineData("S.A", "S.B")]
    [InlineData("S.GB", "S.GA")]
    [InlineData("S.EA", "S.EB")]
    [InlineData("S.CA", "S.ToInt")]
    [InlineData("H.IA", "H.get_Item")]
    public void A_cycle_s_models_do_not_depend_on_the_member_extracted_first(string one, string other)
    {
        Dictionary<string, InterfaceModel> oneFirst = ExtractInOrder(one, other);
        Dictionary<string, InterfaceModel> otherFirst = ExtractInOrder(other, one);

        foreach (string method in new[] { one, other })
        {
            Assert.True(oneFirst[method].Equals(otherFirst[method]), $"{method}:\n{oneFirst[method].Dump()}\n---\n{otherFirst[method].Dump()}");
        }
    }

    /// <summary>Extracts the methods (Type.Name) in this order from one fresh compilation: the first computes the cycle's summaries.</summary>
    private static Dictionary<string, InterfaceModel> ExtractInOrder(params string[] methods)
    {
        Compilation compilation = Compile();
        var models = new Dictionary<string, InterfaceModel>();
        foreach (string method in methods)
        {
            string[] parts = method.Split('.');
            models[method] = InterfaceExtractor.Extract(Method(compilation, parts[0], parts[1]), compilation, Options, CancellationToken.None);
        }

        return models;
    }
}
