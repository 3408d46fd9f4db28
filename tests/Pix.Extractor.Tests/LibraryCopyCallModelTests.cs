using System.Collections.Generic;
using System.Linq;
using Pix.Calibration;
using Pix.Calibration.Kernels;
using Pix.Library;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// The library rows whose BCL code copies through the runtime's copy helper count one
/// <see cref="OperationClass.LibraryCopyCall"/> for their call, not a <see cref="OperationClass.Call"/> (nineteenth
/// session, `libcopy`); the append kernel that prices the class counts what the <c>Append(string)</c> row counts.
/// </summary>
public sealed class LibraryCopyCallModelTests
{
    /// <summary>One call of each row that copies through <c>Memmove</c> (BclModels' remarks say where each copies).</summary>
    public static TheoryData<string, string> CopyRows => new()
    {
        { "StringBuilder.Append(string)", "System.Text.StringBuilder b, string s) { b.Append(s); }" },
        { "string.Concat", "string a, string b) { _ = string.Concat(a, b); }" },
        { "Substring(start, length)", "string a) { _ = a.Substring(1, 2); }" },
        { "Substring(start)", "string a) { _ = a.Substring(1); }" },
        { "StringBuilder.ToString", "System.Text.StringBuilder b) { _ = b.ToString(); }" },
        { "Span.CopyTo", "System.Span<byte> s, System.Span<byte> d) { s.CopyTo(d); }" },
        { "ReadOnlySpan.CopyTo", "System.ReadOnlySpan<byte> s, System.Span<byte> d) { s.CopyTo(d); }" },
        { "Span.ToArray", "System.Span<byte> s) { _ = s.ToArray(); }" },
        { "ReadOnlySpan.ToArray", "System.ReadOnlySpan<byte> s) { _ = s.ToArray(); }" },
        { "MemoryExtensions.CopyTo", "byte[] a, System.Span<byte> d) { System.MemoryExtensions.CopyTo(a, d); }" },
        { "Array.Copy(3)", "byte[] a, byte[] b, int n) { System.Array.Copy(a, b, n); }" },
        { "Array.Copy(5)", "byte[] a, byte[] b, int n) { System.Array.Copy(a, 0, b, 0, n); }" },
        { "Array.Resize", "byte[] a, int n) { System.Array.Resize(ref a, n); }" },
        { "Buffer.BlockCopy", "byte[] a, byte[] b, int n) { System.Buffer.BlockCopy(a, 0, b, 0, n); }" },
        { "List.ToArray", "List<int> l) { _ = l.ToArray(); }" },
        { "List.Insert", "List<int> l) { l.Insert(0, 1); }" },
        { "List.RemoveAt", "List<int> l) { l.RemoveAt(0); }" },
    };

    [Theory]
    [MemberData(nameof(CopyRows))]
    public void A_row_that_copies_through_memmove_counts_one_library_copy_call_and_no_call(string row, string method)
    {
        InterfaceModel model = Extraction.Extract("static class C { public static void M(" + method + " }");

        Assert.Empty(model.Gaps);
        List<BlockSummary> blocks = model.Pieces.SelectMany(p => p.Terms).Select(t => t.Block).ToList();
        Assert.True(1 == blocks.Sum(b => b.CountOf(OperationClass.LibraryCopyCall)), row);
        Assert.True(0 == blocks.Sum(b => b.CountOf(OperationClass.Call)), row);
    }

    [Fact]
    public void Append_of_a_number_formats_into_the_chunk_and_still_counts_a_call()
    {
        InterfaceModel model = Extraction.Extract("static class C { public static void M(System.Text.StringBuilder b, int n) { b.Append(n); } }");

        List<BlockSummary> blocks = model.Pieces.SelectMany(p => p.Terms).Select(t => t.Block).ToList();
        Assert.Equal(1, blocks.Sum(b => b.CountOf(OperationClass.Call)));
        Assert.Equal(0, blocks.Sum(b => b.CountOf(OperationClass.LibraryCopyCall)));
    }

    [Fact]
    public void The_append_kernel_counts_what_the_append_row_counts_and_the_loop_control()
    {
        LibraryModel append = BclModels.All.Single(m => m.Member == "System.Text.StringBuilder.Append" && m.FirstParameter == Microsoft.CodeAnalysis.SpecialType.System_String);
        var expected = new Dictionary<OperationClass, double>();
        foreach ((OperationClass c, double n) in append.Fixed.Where(p => p.Class != OperationClass.LibraryCopyCall))
        {
            expected[c] = LibraryCopyCallKernel.AppendsPerIteration * n;
        }

        foreach ((OperationClass c, double n) in append.Sized.Single().PerUnit)
        {
            expected[c] = LibraryCopyCallKernel.AppendsPerIteration * LibraryCopyCallKernel.WordCharacters * n;
        }

        foreach ((OperationClass c, double n) in CalibrationKernels.LoopControl)
        {
            expected[c] = expected.TryGetValue(c, out double before) ? before + n : n;
        }

        Assert.Equal(1, append.Fixed.Single(p => p.Class == OperationClass.LibraryCopyCall).Count);
        Assert.Equal(expected.OrderBy(p => p.Key), LibraryCopyCallKernel.CountsPerIteration.ToDictionary(p => p.Class, p => p.Count).OrderBy(p => p.Key));
    }
}
