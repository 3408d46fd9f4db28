using System.Collections.Generic;
using System.Linq;
using Pix.Model;
using Xunit;
using Xunit.Abstractions;

namespace Pix.Extractor.Tests;

/// <summary>
/// <c>new StringBuilder(capacity)</c> takes its first chunk from <c>GC.AllocateUninitializedArray</c>: a chunk too
/// large for the allocation context the GC has already zeroed gets fresh space of its own, which the GC does not zero
/// (twenty-second session, `repeat22`: the constructor alone measured 0.036 ns a character at 64 KiB against 0.096 at
/// 4 KiB and 0.079 for a zeroed <c>new char[]</c> of 64 KiB). The row prices the zeroing up to the GC's 8 KiB
/// allocation quantum, not beyond it.
/// </summary>
public sealed class UninitializedChunkModelTests
{
    private readonly ITestOutputHelper _output;

    public UninitializedChunkModelTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void A_chunk_is_priced_as_zeroed_up_to_the_allocation_quantum_and_no_further()
    {
        InterfaceModel model = Extraction.Extract("static class C { public static object M(int capacity) => new System.Text.StringBuilder(capacity); }");
        _output.WriteLine(model.Dump());

        double Allocated(double capacity) => Total(model, OperationClass.AllocatedByte, ("capacity", capacity));

        // Below the quantum every character of the chunk is zeroed: 2 bytes each.
        Assert.Equal(2 * 1000, Allocated(1000) - Allocated(0), 9);
        Assert.Equal(2 * 4096, Allocated(4096) - Allocated(0), 9);

        // Beyond it the GC gives the chunk un-zeroed space: no more bytes are priced however large it grows.
        Assert.Equal(Allocated(4096), Allocated(8192), 9);
        Assert.Equal(Allocated(4096), Allocated(65536), 9);

        // A negative capacity (the constructor throws) counts no bytes, as before.
        Assert.Equal(Allocated(0), Allocated(-5), 9);
    }

    [Fact]
    public void A_builder_made_without_a_capacity_keeps_its_fixed_sixteen_character_chunk()
    {
        InterfaceModel model = Extraction.Extract("static class C { public static object M() => new System.Text.StringBuilder(); }");

        Assert.Empty(model.Gaps);
        Assert.Equal(2, Total(model, OperationClass.Allocation), 9);
    }

    private static double Total(InterfaceModel model, OperationClass operation, params (string Name, double Value)[] values)
    {
        Dictionary<string, double> inputs = values.ToDictionary(v => v.Name, v => v.Value);
        Piece piece = ModelEvaluator.SelectPiece(model, inputs);
        return piece.Terms.Sum(t => ModelEvaluator.Evaluate(t.Count, model, inputs) * t.Block.CountOf(operation));
    }
}
