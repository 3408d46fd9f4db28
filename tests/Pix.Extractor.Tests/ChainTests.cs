using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>The loop-carried dependency chain recorded with each loop body (ARCHITECTURE "Facts measured").</summary>
public sealed class ChainTests
{
    private static BlockSummary LoopBody(string source) =>
        Extraction.Extract(source).TermAbout("loop over").Block;

    [Fact]
    public void Fnv_chain_is_xor_then_multiply()
    {
        BlockSummary body = LoopBody(@"static class C { public static uint M(byte[] data) {
            uint h = 2166136261;
            for (int i = 0; i < data.Length; i++) { h = (h ^ data[i]) * 16777619; }
            return h; } }");
        Assert.Equal(new[] { new OperationCount(OperationClass.IntegerAlu, 1), new OperationCount(OperationClass.IntegerMultiply, 1) }, body.Chain);
    }

    [Fact]
    public void Running_sum_chain_is_one_add()
    {
        BlockSummary body = LoopBody(@"static class C { public static long M(int[] a) {
            long sum = 0;
            for (int i = 0; i < a.Length; i++) sum += a[i];
            return sum; } }");
        Assert.Equal(new[] { new OperationCount(OperationClass.IntegerAlu, 1) }, body.Chain);
    }

    [Fact]
    public void Adler_chain_is_an_add_and_the_constant_modulo_sequence()
    {
        BlockSummary body = LoopBody(@"static class C { public static uint M(byte[] data) {
            uint a = 1, b = 0;
            for (int i = 0; i < data.Length; i++) { a = (a + data[i]) % 65521; b = (b + a) % 65521; }
            return (b << 16) | a; } }");

        // add, then multiply-high + shifts + multiply back + subtract (unsigned % by a constant).
        Assert.Equal(2, body.CountOf(OperationClass.IntegerMultiply) / 2);
        Assert.Equal(
            new[] { new OperationCount(OperationClass.IntegerAlu, 4), new OperationCount(OperationClass.IntegerMultiply, 2) },
            body.Chain);
    }

    [Fact]
    public void The_chain_prices_the_loop_when_it_is_longer_than_the_throughput_bound()
    {
        BlockSummary fnv = LoopBody(@"static class C { public static uint M(byte[] data) {
            uint h = 2166136261;
            for (int i = 0; i < data.Length; i++) { h = (h ^ data[i]) * 16777619; }
            return h; } }");
        HardwareProfile hw = HardwareProfile.Reference;
        double chainLatency = hw.LatencyNs(OperationClass.IntegerAlu) + hw.LatencyNs(OperationClass.IntegerMultiply);
        Assert.Equal(chainLatency, fnv.Price(hw), 9);
    }
}
