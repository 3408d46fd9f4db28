using System;
using System.Linq;
using Pix.Extraction.Analysis;
using Pix.Model;
using Xunit;
using Xunit.Abstractions;

namespace Pix.Extractor.Tests;

/// <summary>
/// A callee's guards, substituted at a call that passes the caller's same-named quantities, are the callee's own guards:
/// rebuilding them (a closure and a new expression per operand, new comparison, negation and conjunction records) was
/// the guards' share of callee substitution's bytes, part of the tail's own analysis (docs/robustness.md, the
/// twenty-fifth session's <c>tail25</c> section). Allocation is counted (<see cref="GC.GetAllocatedBytesForCurrentThread"/>,
/// on the meter's guard site), not timed.
/// </summary>
[Collection(ProcessWideCacheCollection.Name)] // AllocationSites.ForMeasurement is process-wide
public sealed class CalleeGuardSubstitutionTests(ITestOutputHelper output)
{
    // The callee: an else-if chain of `arms` comparisons of xs.Length with constants (each arm's guard a conjunction of
    // the earlier arms' negations and its own comparison); the caller passes its own xs or another array.
    private static string Source(int arms, string argument) =>
        "public static class S {\n"
        + $"public static int Caller(int[] xs, int[] ys) => Helper({argument}) + 1;\n"
        + "private static int Helper(int[] xs) { int s = 0;\n"
        + string.Join(" else ", Enumerable.Range(1, arms).Select(k => $"if (xs.Length > {k * 10}) {{ for (int i = 0; i < {k}; i++) s += xs[i] * {k}; }}"))
        + "\nreturn s; } }";

    private long GuardBytes(int arms, string argument, out InterfaceModel model)
    {
        long bytes = SiteBytes.OfCaller(Source(arms, argument), AllocationSite.SubstitutionGuards, out model);
        output.WriteLine($"{arms} arms, Helper({argument}): {bytes} bytes substituting guards; {model.Pieces.Count} pieces: "
            + string.Join(" | ", model.Pieces.Select(p => p.When)));
        return bytes;
    }

    [Fact]
    public void Guards_over_the_caller_s_own_quantities_are_not_rebuilt()
    {
        GuardBytes(2, "xs", out _); // warm: the JIT's first calls are not the substitution's
        long same = GuardBytes(8, "xs", out InterfaceModel own);
        long other = GuardBytes(8, "ys", out _);

        // Both calls memoise the same guards (the memo's table is on the site); rebuilt, the call on xs also made each
        // arm's comparison, negation and conjunction anew and a closure and an expression per operand, as the call on ys
        // must, so it cost about as much; given back, it costs the table alone.
        Assert.True(2 * same < other, $"eight arms: {same} bytes substituting guards on the caller's xs, {other} on ys");
        Assert.Contains(own.Pieces, p => p.When.ToString().Contains("xs.Length > 80", StringComparison.Ordinal));
    }

    [Fact]
    public void Guards_over_another_quantity_are_still_substituted()
    {
        long eight = GuardBytes(8, "ys", out InterfaceModel other);
        Assert.True(eight > 0, "a guard over another array is rebuilt");
        Assert.Contains(other.Pieces, p => p.When.ToString().Contains("ys.Length > 80", StringComparison.Ordinal));
        Assert.DoesNotContain(other.Pieces, p => p.When.ToString().Contains("xs.Length", StringComparison.Ordinal));
    }
}
