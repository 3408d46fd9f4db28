using System.Linq;
using Pix.Library;
using Pix.Model;

namespace Pix.Extractor.Tests;

public sealed class LibraryTests
{
    [Fact]
    public void The_library_models_at_least_forty_apis()
    {
        Assert.True(LibraryCatalog.Count >= 40, LibraryCatalog.Count.ToString());
        // Overloads one parameter count shares are told apart by the first parameter's type (Interlocked.Exchange of a number or a
        // reference), or by the delegate they call (GetOrAdd(key, factory) and GetOrAdd(key, value)).
        Assert.Equal(BclModels.All.Count, BclModels.All.Select(m => m.Member + "/" + m.Parameters + "/" + m.FirstParameter + "/" + m.DelegateArgument).Distinct().Count());
    }

    [Fact]
    public void Every_modelled_member_exists_in_the_reference_assemblies()
    {
        var compilation = Pix.Testing.TestCompilation.Create(new[] { "class X {}" });
        foreach (LibraryModel model in BclModels.All)
        {
            int dot = model.Member.LastIndexOf('.', model.Member.EndsWith("..ctor") ? model.Member.Length - 6 : model.Member.Length - 1);
            string typeName = model.Member.Substring(0, model.Member.EndsWith("..ctor") ? model.Member.Length - 6 : dot);
            string member = model.Member.EndsWith("..ctor") ? ".ctor" : model.Member.Substring(dot + 1);
            var type = compilation.GetTypeByMetadataName(typeName);
            Assert.True(type is not null, $"type {typeName} of {model.Member}");
            Assert.True(type!.GetMembers(member).Length > 0, $"member {model.Member}");
        }
    }

    [Fact]
    public void No_library_model_takes_a_delegate_it_does_not_name()
    {
        // A model counts an API's own work; a delegate it calls would run code the model cannot see, and
        // creating a delegate is no gap on the ground that whatever invokes it is one (MethodAnalyzer.Delegates.cs).
        // So a model that takes one names it (LibraryModel.DelegateArgument: GetOrAdd's factory), and its call is an
        // opaque delegate call with its gap.
        var compilation = Pix.Testing.TestCompilation.Create(new[] { "class X {}" });
        var modelled = new[] { "System", "System.Buffers.Binary", "System.Collections.Concurrent", "System.Collections.Generic", "System.Collections.ObjectModel", "System.ComponentModel", "System.Diagnostics", "System.Numerics", "System.Security.Cryptography", "System.Text" }
            .SelectMany(ns => NamespaceTypes(compilation.GlobalNamespace, ns))
            .SelectMany(type => type.GetMembers().OfType<Microsoft.CodeAnalysis.IMethodSymbol>())
            .Where(method => LibraryCatalog.Find(method) is not null)
            .ToList();

        Assert.True(modelled.Count >= 40, modelled.Count.ToString());
        Assert.All(modelled, method => Assert.DoesNotContain(
            method.OriginalDefinition.Parameters,
            p => p.Type.TypeKind == Microsoft.CodeAnalysis.TypeKind.Delegate && p.Ordinal != LibraryCatalog.Find(method)!.DelegateArgument));
        Assert.Contains(modelled, method => LibraryCatalog.Find(method)!.DelegateArgument is not null);
    }

    private static System.Collections.Generic.IEnumerable<Microsoft.CodeAnalysis.INamedTypeSymbol> NamespaceTypes(Microsoft.CodeAnalysis.INamespaceSymbol global, string name)
    {
        Microsoft.CodeAnalysis.INamespaceSymbol? ns = global;
        foreach (string part in name.Split('.'))
        {
            ns = ns?.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
        }

        return ns?.GetTypeMembers() ?? System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.INamedTypeSymbol>.Empty;
    }

    [Fact]
    public void List_add_in_a_loop_is_priced_per_iteration_without_gaps()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static List<int> M(int n) {
            var list = new List<int>(); for (int i = 0; i < n; i++) list.Add(i); return list; } }");
        Assert.Empty(model.Gaps);
        Term loop = model.TermAbout("loop over n");
        Assert.Equal(4, loop.Block.CountOf(OperationClass.CopiedByte));
        Assert.True(loop.Block.CountOf(OperationClass.Store) >= 2);
    }

    [Fact]
    public void Dictionary_lookup_has_a_collisions_pcv_and_string_key_hashing()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(Dictionary<string, int> d, string key) =>
            d.TryGetValue(key, out int v) ? v : -1; }");
        Quantity collisions = Assert.Single(model.Pcvs);
        Assert.Equal("collisions", collisions.Name);
        Assert.Null(collisions.Bound);
        Term hashing = model.TermAbout("hash and compare");
        Assert.Equal(Expr.Symbol("key.Length"), hashing.Count);
        Assert.True(model.Ns(("key.Length", 10), ("collisions", 3)) > model.Ns(("key.Length", 10), ("collisions", 0)));
    }

    [Fact]
    public void SequenceEqual_compares_up_to_a_mismatch_index_bounded_by_the_length()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static bool M(byte[] a, byte[] b) =>
            a.AsSpan().SequenceEqual(b); }");
        Quantity pcv = Assert.Single(model.Pcvs);
        Assert.Equal("mismatchIndex", pcv.Name);
        Assert.Equal(Expr.Symbol("a.Length"), pcv.Bound);
        Term compare = model.TermAbout("up to mismatchIndex");
        Assert.Equal(1, compare.Block.CountOf(OperationClass.ComparedByte));
    }

    [Fact]
    public void Array_sort_is_n_log_n()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static void M(int[] a) => Array.Sort(a); }");
        Term sort = model.TermAbout("n log n");
        Assert.Equal(1024.0 * 11, ModelEvaluator.Evaluate(sort.Count, _ => 1024));
    }

    [Fact]
    public void Bulk_copies_count_bytes_by_element_size()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static void M(long[] src, long[] dst, int n) {
            Array.Copy(src, dst, n); src.AsSpan().CopyTo(dst); } }");
        Term arrayCopy = model.TermAbout("Array.Copy");
        Assert.Equal(8, arrayCopy.Block.CountOf(OperationClass.CopiedByte));
        Term spanCopy = model.TermAbout("CopyTo");
        Assert.Equal(Expr.Symbol("src.Length"), spanCopy.Count);
    }

    [Fact]
    public void String_concatenation_scales_with_the_lengths()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static string M(string a, string b) => a + b + ""!""; }");
        Term concat = model.TermAbout("Concat");
        Assert.Equal(21.0, ModelEvaluator.Evaluate(concat.Count, _ => 10));
        Assert.Empty(model.Gaps);
    }

    [Fact]
    public void BinaryPrimitives_and_BitOperations_are_single_operations()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(byte[] b) =>
            System.Numerics.BitOperations.PopCount(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b)); }");
        Assert.Empty(model.Gaps);
        BlockSummary block = model.Pieces.Single().Terms.Single().Block;
        Assert.Equal(1, block.CountOf(OperationClass.BoundsCheck));
        Assert.Equal(0, block.CountOf(OperationClass.Call));
    }

    [Fact]
    public void Type_dispatch_culture_and_cancellation_reads_are_modelled()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(object value, System.Threading.CancellationToken ct) {
            if (ct.IsCancellationRequested) return -1;
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            bool isInt = value.GetType() == typeof(int);
            bool notString = value.GetType() != typeof(string);
            return (isInt ? 1 : 0) + (notString ? 2 : 0) + (culture is null ? 4 : 0);
        } }");

        Assert.Empty(model.Gaps);
        BlockSummary block = model.Pieces.Last().Terms.Single().Block;
        Assert.Equal(2, block.CountOf(OperationClass.Call)); // the two GetType calls
    }
}
