using System;
using System.Linq;
using Pix.Extraction.Analysis;
using Pix.Model;
using Xunit;
using Xunit.Abstractions;

namespace Pix.Extractor.Tests;

/// <summary>
/// A callee's counts, substituted at a call that passes the caller's same-named quantities, are the callee's own
/// polynomials: re-expanding them rebuilt each term for term, the largest share of callee substitution's bytes in the
/// corpus (docs/robustness.md, the twenty-fourth session's <c>subst24</c> section). Allocation is counted
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>, on the meter's substitution sites), not timed.
/// </summary>
[Collection(ProcessWideCacheCollection.Name)] // AllocationSites.ForMeasurement is process-wide
public sealed class CalleeCountSubstitutionTests(ITestOutputHelper output)
{
    // The callee: `loops` triangular loop nests over xs (each count a polynomial of several monomials in xs.Length);
    // the caller passes its own xs (the same quantity, xs.Length) or another array (ys.Length: a real substitution).
    private static string Source(int loops, string argument) =>
        "public static class S {\n"
        + $"public static int Caller(int[] xs, int[] ys) => Helper({argument}) + 1;\n"
        + "private static int Helper(int[] xs) { int s = 0;\n"
        + string.Concat(Enumerable.Range(1, loops).Select(k =>
            $"for (int i = 0; i < xs.Length; i++) for (int j = i; j < xs.Length; j++) s += xs[j] * {k} + (s >> {k});\n"))
        + "return s; } }";

    private long CountBytes(int loops, string argument, out InterfaceModel model)
    {
        long bytes = SiteBytes.OfCaller(Source(loops, argument), AllocationSite.SubstitutionCounts, out model);
        output.WriteLine($"{loops} loops, Helper({argument}): {bytes} bytes substituting counts; {model.Pieces.Sum(p => p.Terms.Count())} terms");
        return bytes;
    }

    [Fact]
    public void Counts_over_the_caller_s_own_quantities_are_not_rebuilt()
    {
        CountBytes(1, "xs", out _); // warm: the JIT's first calls are not the substitution's
        long one = CountBytes(1, "xs", out _);
        long sixteen = CountBytes(16, "xs", out InterfaceModel same);

        // Rebuilt, sixteen loop nests cost sixteen times one nest's re-expansion; given back, the count site holds only
        // what mapping xs.Length once costs (the caller's quantity), whatever the number of terms.
        Assert.True(sixteen < 2 * one + 1024, $"sixteen loop nests {sixteen} bytes, one {one} bytes");
        Assert.Contains(same.Pieces.SelectMany(p => p.Terms), t => t.Count.ToString().Contains("xs.Length", StringComparison.Ordinal));
    }

    [Fact]
    public void Counts_over_another_quantity_are_still_substituted()
    {
        CountBytes(16, "ys", out InterfaceModel other);
        Assert.Contains(other.Pieces.SelectMany(p => p.Terms), t => t.Count.ToString().Contains("ys.Length", StringComparison.Ordinal));
        Assert.DoesNotContain(other.Pieces.SelectMany(p => p.Terms), t => t.Count.ToString().Contains("xs.Length", StringComparison.Ordinal));
    }
}
