using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Extraction.Analysis;
using Pix.Model;
using Pix.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Pix.Extractor.Tests;

/// <summary>
/// The model's assembly converts each term the summary's paths share (loops before the paths fork) once, not once per
/// piece: that conversion was the largest allocation site of the corpus's extractions (docs/robustness.md, the
/// twenty-third session's <c>walk23</c> section). Allocation is counted (<see cref="GC.GetAllocatedBytesForCurrentThread"/>),
/// not timed; the model is the same either way.
/// </summary>
public sealed class SharedTermAssemblyTests(ITestOutputHelper output)
{
    // Eight loops the paths share (their counts are sums over nested loops: converting one allocates), then three
    // forks on inputs: eight pieces.
    private static string Source(bool fork)
    {
        string loops = string.Concat(Enumerable.Range(1, 8).Select(k =>
            $"for (int i = 0; i < xs.Length; i++) for (int j = i; j < xs.Length; j++) s += xs[j] * {k} + (s >> {k});\n"));
        string forks = fork ? "if (a) s ^= xs[0] * 5; if (b) s -= xs[0] / 7; if (c) s += xs[0] % 9;\n" : "";
        return "public class C { public int M(int[] xs, bool a, bool b, bool c) { int s = 0;\n" + loops + forks + "return s; } }";
    }

    private long AssemblyBytes(bool fork, out InterfaceModel model)
    {
        Compilation compilation = TestCompilation.Create(new[] { Extraction.Usings + Source(fork) });
        TestCompilation.AssertNoErrors(compilation);
        var session = new ExtractionSession(compilation, ExtractionOptions.Default with { DefaultResolution = 0 }, CancellationToken.None);
        MethodSummary summary = session.Summarise(Extraction.FindMethod(compilation, "M"));
        ModelAssembler.Assemble(summary, session.Gaps, resolution: 0); // warm: the JIT's first calls are not the assembly's
        long before = GC.GetAllocatedBytesForCurrentThread();
        model = ModelAssembler.Assemble(summary, session.Gaps, resolution: 0);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"fork {fork}: {model.Pieces.Count()} pieces, {bytes} bytes");
        return bytes;
    }

    [Fact]
    public void Terms_the_pieces_share_are_converted_once_not_once_per_piece()
    {
        long one = AssemblyBytes(fork: false, out InterfaceModel single);
        long eight = AssemblyBytes(fork: true, out InterfaceModel forked);
        Assert.Single(single.Pieces);
        Assert.Equal(8, forked.Pieces.Count());

        // Converted per piece, the eight pieces' shared terms cost eight times the one piece's conversions; converted once,
        // the pieces add their own guards and straight-line blocks and the normal form's comparisons only.
        Assert.True(eight < 4 * one, $"eight pieces {eight} bytes, one piece {one} bytes");
    }
}
