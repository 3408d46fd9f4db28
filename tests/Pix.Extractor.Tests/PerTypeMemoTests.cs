using System.Linq;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Analysis;
using Pix.Extraction.Costs;
using Pix.Extraction.Inputs;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// Facts of a type the analysis asks at every operation it lowers (a value's size, an instance's bytes, the member
/// that gives a collection's size) are remembered per symbol (<see cref="PerSymbol{TKey, TValue}"/>; docs/robustness.md,
/// "Sixteenth session: the tail"): each is computed once per symbol, and the memo answers as the computation,
/// whatever was asked before.
/// </summary>
public sealed class PerTypeMemoTests
{
    [Fact]
    public void A_fact_is_computed_once_per_key_and_null_answers_are_remembered()
    {
        int computed = 0;
        var memo = new PerSymbol<string, string?>(key => { computed++; return key.Length > 1 ? key + "!" : null; });
        string ab = new('a', 2);
        string a = new('a', 1);

        for (int pass = 0; pass < 3; pass++)
        {
            Assert.Equal("aa!", memo[ab]);
            Assert.Null(memo[a]);
        }

        Assert.Equal(2, computed);
    }

    [Fact]
    public void A_value_size_remembered_at_the_top_does_not_answer_for_a_nested_field()
    {
        // The field walk stops at depth 4: S0's size reads S5 five levels down, where it counts 8 bytes, while S5
        // asked on its own is 16. Asking S5 first must not change what S0 is.
        string chain = string.Join(" ", Enumerable.Range(0, 5).Select(i => $"struct S{i} {{ S{i + 1} x; }}")) + " struct S5 { long v; long w; }";
        Compilation compilation = Pix.Testing.TestCompilation.Create(new[] { chain });
        ITypeSymbol[] types = Enumerable.Range(0, 6).Select(i => (ITypeSymbol)compilation.GetTypeByMetadataName("S" + i)!).ToArray();

        for (int pass = 0; pass < 2; pass++)
        {
            Assert.Equal(new double[] { 16, 16, 16, 16, 16 }, types.Skip(1).Reverse().Select(t => CostLowering.ValueSize(t)));
            Assert.Equal(8, CostLowering.ValueSize(types[0]));
        }
    }

    [Fact]
    public void Instance_bytes_and_size_members_answer_as_before_when_asked_again()
    {
        Compilation compilation = Pix.Testing.TestCompilation.Create(new[]
        {
            "using System.Collections.Generic; class B { long x; } class D : B { int y; } " +
            "class U { List<int> list; int[] array; IEnumerable<int> sequence; string text; }",
        });
        INamedTypeSymbol derived = compilation.GetTypeByMetadataName("D")!;
        ITypeSymbol[] fields = compilation.GetTypeByMetadataName("U")!.GetMembers().OfType<IFieldSymbol>().Select(f => f.Type).ToArray();

        for (int pass = 0; pass < 2; pass++)
        {
            Assert.Equal(16 + 8 + 4, CostLowering.InstanceBytes(derived));
            Assert.Equal(new[] { "Count", "Length", null, "Length" }, fields.Select(InputResolver.SizeMemberOf));
        }
    }
}
