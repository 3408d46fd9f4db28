using System.Linq;
using Pix.Library;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// The library models the corpora asked for (docs/robustness.md, twelfth session): the BCL calls that
/// most often left a real method's interface incomplete, each priced as its model states.
/// </summary>
public sealed class CorpusLibraryModelTests
{
    [Fact]
    public void ConcurrentDictionary_reads_are_a_lock_free_probe_with_a_collisions_pcv()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(System.Collections.Concurrent.ConcurrentDictionary<string, int> d, string key) =>
            d.TryGetValue(key, out int v) ? v : (d.ContainsKey(key) ? 0 : -1); }");

        Assert.DoesNotContain(model.Gaps, g => g.Construct.Contains("ConcurrentDictionary"));
        // One collisions PCV per probe (TryGetValue, then ContainsKey), unbounded: how full a bucket is is the data's.
        var collisions = model.Pcvs.Where(q => q.Name.StartsWith("collisions")).ToList();
        Assert.Equal(2, collisions.Count);
        Assert.All(collisions, c => Assert.Null(c.Bound));
        // Both probes hash the string key (as Dictionary's do).
        Assert.Equal("2 * key.Length", model.Pieces.Last().Terms.Single(t => t.Description.Contains("hash and compare")).Count.ToString());
        // Each extra entry in the bucket's chain costs its loads and compares.
        Assert.True(model.Ns(("key.Length", 10), (collisions[0].Name, 3), (collisions[1].Name, 0)) > model.Ns(("key.Length", 10), (collisions[0].Name, 0), (collisions[1].Name, 0)));
    }

    [Fact]
    public void DivRem_by_a_constant_is_no_hardware_divide_and_by_a_variable_is_one()
    {
        InterfaceModel byConstant = Extraction.Extract(@"static class C { public static long M(long ticks) =>
            Math.DivRem(ticks, 864000000000L, out long rest) + rest; }");
        InterfaceModel byVariable = Extraction.Extract(@"static class C { public static long M(long ticks, long unit) =>
            Math.DivRem(ticks, unit, out long rest) + rest; }");

        Assert.Empty(byConstant.Gaps);
        Assert.Empty(byVariable.Gaps);
        BlockSummary constant = byConstant.Pieces.Single().Terms.Single().Block;
        BlockSummary variable = byVariable.Pieces.Single().Terms.Single().Block;
        Assert.Equal(0, constant.CountOf(OperationClass.IntegerDivide));
        Assert.True(constant.CountOf(OperationClass.IntegerMultiply) >= 2, "the magic-number multiply and the multiply back");
        Assert.Equal(1, variable.CountOf(OperationClass.IntegerDivide));
        Assert.True(byVariable.Ns() > byConstant.Ns());
    }

    [Fact]
    public void Exception_constructors_store_their_fields_and_count_the_bytes_new_could_not_see()
    {
        InterfaceModel withMessage = Extraction.Extract(@"static class C { public static Exception M(string m) => new NotSupportedException(m); }");
        InterfaceModel fromResources = Extraction.Extract(@"static class C { public static Exception M() => new NotSupportedException(); }");

        Assert.Empty(withMessage.Gaps);
        Assert.Empty(fromResources.Gaps);
        BlockSummary message = withMessage.Pieces.Single().Terms.Single().Block;
        BlockSummary resources = fromResources.Pieces.Single().Terms.Single().Block;
        // Exception's 112 bytes of fields and its 16-byte header: a 128-byte object.
        Assert.Equal(128, message.CountOf(OperationClass.AllocatedByte));
        Assert.Equal(5, message.CountOf(OperationClass.Store)); // _xcode, _HResult, _message, two HResults
        Assert.Empty(message.Opaque);
        Assert.Equal(ExceptionModels.ResourceLookup, Assert.Single(resources.Opaque).Name);
        Assert.Equal(fromResources.Ns() - withMessage.Ns(), HardwareProfile.Reference.OpaqueNs(ExceptionModels.ResourceLookup), 6);

        // ArgumentException's _paramName makes it 136 bytes; its two (string, ...) constructors are not told apart: not modelled.
        InterfaceModel argument = Extraction.Extract(@"static class C { public static Exception M(string m) => new ArgumentException(m); }");
        InterfaceModel ambiguous = Extraction.Extract(@"static class C { public static Exception M(string m) => new ArgumentException(m, ""x""); }");
        Assert.Empty(argument.Gaps);
        Assert.Equal(136, argument.Pieces.Single().Terms.Single().Block.CountOf(OperationClass.AllocatedByte));
        Assert.NotEmpty(ambiguous.Gaps);
    }

    [Fact]
    public void A_source_exception_reaches_Exceptions_constructor_but_not_the_serialisation_one()
    {
        InterfaceModel model = Extraction.Extract(@"sealed class E : Exception {
                public E(string m, Exception inner) : base(m, inner) { } }
            static class C { public static Exception M(string m) => new E(m, null); }");
        InterfaceModel serialised = Extraction.Extract(@"sealed class E : Exception {
                public E(System.Runtime.Serialization.SerializationInfo info, System.Runtime.Serialization.StreamingContext context) : base(info, context) { } }
            static class C { public static Exception M(System.Runtime.Serialization.SerializationInfo info) => new E(info, default); }", allowErrors: true);

        Assert.Empty(model.Gaps);
        Assert.Equal(128, model.Pieces.Single().Terms.Sum(t => t.Block.CountOf(OperationClass.AllocatedByte)));
        Assert.Contains(serialised.Gaps, g => g.Kind == GapKind.OpaqueCall && g.Construct.Contains("Exception"));
    }

    [Theory]
    [InlineData("short", typeof(short))]
    [InlineData("ushort", typeof(ushort))]
    public void A_short_integer_s_CompareTo_is_a_subtraction_without_branches(string type, System.Type runtimeType)
    {
        // Int16.CompareTo(short) and UInt16.CompareTo(ushort) are `return m_value - value;` (no int overflow for
        // 16-bit values): the BCL's IL has no branch, unlike Int32's and Int64's two compares.
        byte[] il = runtimeType.GetMethod("CompareTo", [runtimeType])!.GetMethodBody()!.GetILAsByteArray()!;
        Assert.Contains(il, b => b == 0x59); // sub
        Assert.DoesNotContain(il, b => b is >= 0x2B and <= 0x44); // br.s … blt.un (short and long forms)

        InterfaceModel model = Extraction.Extract($"static class C {{ public static int M({type} a, {type} b) => a.CompareTo(b); }}");
        Assert.Empty(model.Gaps);
        BlockSummary block = model.Pieces.Single().Terms.Single().Block;
        Assert.Equal(0, block.CountOf(OperationClass.Branch));
        Assert.Equal(1, block.CountOf(OperationClass.IntegerAlu));
    }

    [Fact]
    public void Integer_CompareTo_is_two_compares_and_its_object_overload_stays_opaque()
    {
        InterfaceModel typed = Extraction.Extract(@"static class C { public static int M(long a, long b) => a.CompareTo(b); }");
        InterfaceModel boxed = Extraction.Extract(@"static class C { public static int M(long a, object b) => a.CompareTo(b); }");

        Assert.Empty(typed.Gaps);
        BlockSummary block = typed.Pieces.Single().Terms.Single().Block;
        Assert.Equal(2, block.CountOf(OperationClass.Branch));
        Assert.Equal(0, block.CountOf(OperationClass.Call));
        Assert.Contains(boxed.Gaps, g => g.Construct.Contains("CompareTo"));
    }

    [Fact]
    public void Small_members_the_corpora_call_are_inlined_reads_and_stores()
    {
        InterfaceModel model = Extraction.Extract(@"sealed class A : Attribute { public A() : base() { } }
            sealed class T : System.ComponentModel.TypeConverter { public T() : base() { } }
            static class C { public static long M(long? n, TimeSpan span, List<int> list, long key) {
                var attribute = new A(); var converter = new T();
                var empty = new System.Collections.ObjectModel.ReadOnlyCollection<int>(Array.Empty<int>());
                var pair = new KeyValuePair<long, string>(key, Environment.NewLine);
                var e = list.GetEnumerator();
                return (n.HasValue ? n.Value : n.GetValueOrDefault()) + span.Ticks + pair.Key.GetHashCode() + key.GetHashCode(); } }");

        Assert.True(model.Gaps.IsEmpty, model.Dump());
        Assert.True(model.Ns() > 0);
        BlockSummary block = model.Pieces.Single().Terms.Single().Block;
        // Three allocations (A, T, the collection), whose base constructors add no calls; every member here is inlined.
        Assert.Equal(3, block.CountOf(OperationClass.Allocation));
        Assert.Equal(0, block.CountOf(OperationClass.Call)); // A's and T's constructors are inlined leaves
        Assert.Empty(block.Opaque);
    }

    [Fact]
    public void A_list_built_from_a_collection_is_not_priced_as_one_of_that_capacity()
    {
        InterfaceModel fromCapacity = Extraction.Extract(@"static class C { public static System.Collections.Generic.List<long> M(int n) => new System.Collections.Generic.List<long>(n); }");
        InterfaceModel fromCollection = Extraction.Extract(@"static class C { public static System.Collections.Generic.List<long> M(System.Collections.Generic.IEnumerable<long> items) =>
            new System.Collections.Generic.List<long>(items); }");

        // The capacity's elements are allocated: 8 bytes each.
        Assert.Empty(fromCapacity.Gaps);
        Assert.True(fromCapacity.Ns(("n", 1000)) > fromCapacity.Ns(("n", 10)));
        // The collection's size is no value of the argument: an opaque call named after the constructor, not a size PCV.
        Assert.Contains(fromCollection.Gaps, g => g.Kind == GapKind.OpaqueCall && g.Construct.Contains("List<long>.List(IEnumerable<long>)"));
        Assert.DoesNotContain(fromCollection.Pcvs, q => q.Name.Contains("items"));
    }
}
