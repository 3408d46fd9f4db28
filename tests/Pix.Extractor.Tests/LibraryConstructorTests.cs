using System.Linq;
using Pix.Extraction;
using Pix.Model;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// A library constructor's model is what its body does beyond the <c>new</c>, which counts the object's allocation
/// itself: <c>new List&lt;int&gt;()</c> is one allocation (its item array is a shared empty one), <c>new
/// List&lt;int&gt;(n)</c> two (the object and its array), a <c>Dictionary</c> or <c>HashSet</c> one (buckets come
/// with the first insert). The models counted the object a second time until the thirteenth session.
/// </summary>
[Collection(ProcessWideCacheCollection.Name)]
public sealed class LibraryConstructorTests
{
    private static readonly ExtractionOptions Options = ExtractionOptions.Default with { DefaultResolution = 0 };

    private const string Source = """
        public static class C
        {
            public static object EmptyList() => new List<int>();
            public static object SizedList(int n) => new List<long>(n);
            public static object Map() => new Dictionary<int, int>();
            public static object Set() => new HashSet<int>();
        }
        """;

    [Theory]
    [InlineData("EmptyList", 1, 32)]
    [InlineData("Map", 1, 80)]
    [InlineData("Set", 1, 64)]
    public void The_object_is_allocated_once_at_its_size(string method, double allocations, double bytes)
    {
        var block = Extraction.Extract(Source, method, Options).Pieces.Single().Terms.Single().Block;

        Assert.Equal(allocations, block.CountOf(OperationClass.Allocation));
        Assert.Equal(bytes, block.CountOf(OperationClass.AllocatedByte));
    }

    [Fact]
    public void A_capacity_allocates_the_object_and_its_array_sized_by_the_argument()
    {
        InterfaceModel model = Extraction.Extract(Source, "SizedList", Options);

        Assert.Equal(2, model.Pieces.Single().Terms.Sum(t => t.Block.CountOf(OperationClass.Allocation)));
        double bytes = model.Pieces.Single().Terms.Sum(t =>
            t.Block.CountOf(OperationClass.AllocatedByte) * ModelEvaluator.Evaluate(t.Count, _ => 1000));
        Assert.Equal(32 + 24 + 8 * 1000, bytes); // the object, the array's header, 1,000 longs
    }
}
