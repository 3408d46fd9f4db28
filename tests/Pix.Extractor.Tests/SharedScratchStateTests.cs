using System.Linq;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Costs;
using Pix.Extraction.Inputs;
using Pix.Testing;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// The analysis's scratch values share what they have not written yet (docs/robustness.md, "Eleventh session:
/// the own analysis made cheaper"): an operation vector makes its counts on the first write and keeps its
/// latency until a count changes, a cost's clone shares its opaque calls until one of them adds one, a
/// dependency flow lends its origins to a combination that has no others. Each share must end at the write.
/// </summary>
public sealed class SharedScratchStateTests
{
    [Fact]
    public void A_vectors_reference_latency_follows_its_counts()
    {
        var vector = new OperationVector();
        Assert.Equal(0, vector.ReferenceLatency());

        vector.Add(OperationClass.IntegerMultiply, 2);
        double two = vector.ReferenceLatency();
        Assert.True(two > 0);

        vector.Add(OperationVector.Of((OperationClass.IntegerMultiply, 1)));
        Assert.Equal(two * 1.5, vector.ReferenceLatency(), 12);
        Assert.Same(vector, OperationVector.Longer(OperationVector.Of((OperationClass.IntegerMultiply, 2)), vector));
    }

    [Fact]
    public void An_empty_vector_adds_as_zeros_do()
    {
        // 0 × ∞ is NaN: an empty vector's counts are zeros, not nothing.
        var dense = new OperationVector().Add(OperationClass.Load, 0);
        var empty = new OperationVector();
        var fromDense = new OperationVector().Add(dense, double.PositiveInfinity);
        var fromEmpty = new OperationVector().Add(empty, double.PositiveInfinity);
        Assert.True(double.IsNaN(fromDense[OperationClass.IntegerAlu]));
        Assert.True(double.IsNaN(fromEmpty[OperationClass.IntegerAlu]));

        var scaled = new OperationVector().Add(empty, 3);
        Assert.True(scaled.IsEmpty);
        Assert.Equal(0, scaled.ReferenceBlockPrice());
    }

    [Fact]
    public void A_clone_and_its_original_add_opaque_calls_apart()
    {
        var original = new CostAccumulator();
        original.AddOpaque("Stream.Read");
        CostAccumulator clone = original.Clone();

        clone.AddOpaque("Stream.Write", 2);
        original.AddOpaque("Stream.Read");

        Assert.Equal(new[] { ("Stream.Read", 2.0) }, original.Opaque.Select(o => (o.Key, o.Value)));
        Assert.Equal(new[] { ("Stream.Read", 1.0), ("Stream.Write", 2.0) }, clone.Opaque.Select(o => (o.Key, o.Value)));

        CostAccumulator second = original.Clone();
        original.AddOpaque("Stream.Flush");
        Assert.Equal(new[] { "Stream.Read" }, second.Opaque.Keys);
    }

    [Fact]
    public void A_path_given_anothers_opaque_calls_adds_apart_from_it()
    {
        // An empty path takes the other's dictionary as it is (fourteenth session): the share ends at either's write.
        var other = new CostAccumulator();
        other.AddOpaque("Stream.Read");
        var path = new CostAccumulator();
        path.AddOpaqueOf(other);

        path.AddOpaque("Stream.Write");
        other.AddOpaque("Stream.Read");

        Assert.Equal(new[] { ("Stream.Read", 1.0), ("Stream.Write", 1.0) }, path.Opaque.Select(o => (o.Key, o.Value)));
        Assert.Equal(new[] { ("Stream.Read", 2.0) }, other.Opaque.Select(o => (o.Key, o.Value)));

        var appended = new CostAccumulator();
        appended.Append(other);
        other.AddOpaque("Stream.Flush");
        Assert.Equal(new[] { ("Stream.Read", 2.0) }, appended.Opaque.Select(o => (o.Key, o.Value)));
    }

    [Fact]
    public void A_flow_fed_through_operations_holds_their_counts_apart_from_them()
    {
        // Then makes one vector per distinct path (all empty ones as one, fourteenth session): each holds the path's
        // counts plus the operations', and none is the operations' vector, which its maker may still write.
        Compilation compilation = TestCompilation.Create("class C { int a; int b; int c; }");
        INamedTypeSymbol type = compilation.GetTypeByMetadataName("C")!;
        ISymbol a = type.GetMembers("a").Single(), b = type.GetMembers("b").Single(), c = type.GetMembers("c").Single();
        DependencyFlow fromC = DependencyFlow.Origin(c).Then(OperationVector.Of((OperationClass.IntegerMultiply, 1)));
        var operations = OperationVector.Of((OperationClass.IntegerAlu, 2));

        DependencyFlow fed = DependencyFlow.Combine(DependencyFlow.Origin(a), DependencyFlow.Origin(b), fromC).Then(operations);
        operations.Add(OperationClass.Load, 5);

        Assert.Equal(new[] { a, b, c }, fed.FromOrigin.Keys);
        foreach (ISymbol empty in new[] { a, b })
        {
            Assert.Equal(2, fed.FromOrigin[empty][OperationClass.IntegerAlu]);
            Assert.Equal(0, fed.FromOrigin[empty][OperationClass.Load]);
        }

        Assert.Equal(2, fed.FromOrigin[c][OperationClass.IntegerAlu]);
        Assert.Equal(1, fed.FromOrigin[c][OperationClass.IntegerMultiply]);
        Assert.Equal(0, fed.FromOrigin[c][OperationClass.Load]);
        Assert.Equal(fed.FromOrigin[c].ReferenceLatency(), fed.Longest.ReferenceLatency());
        Assert.Equal(1, fromC.FromOrigin[c][OperationClass.IntegerMultiply]);
        Assert.Equal(0, fromC.FromOrigin[c][OperationClass.IntegerAlu]);
    }

    [Fact]
    public void Combining_flows_leaves_the_operands_origins_as_they_were()
    {
        Compilation compilation = TestCompilation.Create("class C { int a; int b; }");
        INamedTypeSymbol type = compilation.GetTypeByMetadataName("C")!;
        ISymbol a = type.GetMembers("a").Single(), b = type.GetMembers("b").Single();
        DependencyFlow fromA = DependencyFlow.Origin(a).Then(OperationVector.Of((OperationClass.IntegerAlu, 1)));
        DependencyFlow fromB = DependencyFlow.Origin(b);

        DependencyFlow withNone = DependencyFlow.Combine(fromA, DependencyFlow.None);
        DependencyFlow both = DependencyFlow.Combine(withNone, fromB);

        Assert.Equal(new[] { a }, fromA.FromOrigin.Keys);
        Assert.Equal(new[] { a }, withNone.FromOrigin.Keys);
        Assert.Equal(new[] { a, b }, both.FromOrigin.Keys);
        Assert.Equal(new[] { b }, fromB.FromOrigin.Keys);
    }

    [Fact]
    public void A_quantity_table_knows_once_it_holds_a_pcv()
    {
        var table = new QuantityTable(new[] { "n" });
        Assert.False(table.HasPcv);
        table.Pcv("hits", "matching entries", bound: null, origin: null);
        Assert.True(table.HasPcv);
    }
}
