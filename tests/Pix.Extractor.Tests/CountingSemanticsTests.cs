using System;
using System.Linq;
using Pix.Model;
using Xunit.Abstractions;

namespace Pix.Extractor.Tests;

/// <summary>
/// Trip counts checked against the loops they describe: each test runs the same loop in C# (an
/// instrumented copy with an iteration counter) at edge inputs and requires the model's count to be
/// an upper bound, exact where the shape is exact.
/// </summary>
public sealed class CountingSemanticsTests
{
    private readonly ITestOutputHelper _output;

    public CountingSemanticsTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Do_loop_runs_its_body_once_even_when_the_counter_starts_past_the_bound()
    {
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(int n)
    {
        int s = 0, i = 0;
        do { s += i; i++; } while (i < n);
        return s;
    }
}");
        _output.WriteLine(model.Dump());
        Term loop = LoopTerm(model);
        foreach (int n in new[] { int.MinValue + 1, -3, 0, 1, 2, 7 })
        {
            int iterations = 0, i = 0;
            do { iterations++; i++; } while (i < n);
            Assert.Equal(iterations, ModelEvaluator.Evaluate(loop.Count, _ => n), 9);
        }
    }

    [Fact]
    public void Halving_to_zero_through_not_equal_counts_negative_starts_too()
    {
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(int x)
    {
        int s = 0;
        while (x != 0) { s++; x /= 2; }
        return s;
    }
}");
        _output.WriteLine(model.Dump());
        Term loop = LoopTerm(model);
        // (int.MaxValue is left out: Expr.Log2Value's 1e-9 slack rounds log2(2^31 - 1) up, one too many but safe.)
        foreach (int x in new[] { int.MinValue, -1000, -7, -1, 0, 1, 8, 1000, 1 << 30 })
        {
            int iterations = 0;
            for (int v = x; v != 0; v /= 2)
            {
                iterations++;
            }

            Assert.Equal(iterations, ModelEvaluator.Evaluate(loop.Count, _ => x), 9);
        }
    }

    [Fact]
    public void Arithmetic_shift_of_a_negative_never_reaches_zero_so_the_loop_gets_no_log_bound()
    {
        // -1 >> 1 == -1: `while (x != 0) x >>= 1` never ends for a negative int, so no finite count is an upper bound.
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(int x)
    {
        int s = 0;
        while (x != 0) { s++; x >>= 1; }
        return s;
    }
}");
        _output.WriteLine(model.Dump());
        Assert.DoesNotContain(model.Pieces.SelectMany(p => p.Terms), t => t.Description.Contains("log2"));
        Assert.Contains(model.Quantities, q => q.Kind == QuantityKind.Pcv);
    }

    [Fact]
    public void Halving_a_double_is_not_counted_as_integer_halving()
    {
        // A double halves down past 1 into the subnormals before it reaches 0: 8.0 takes 1078 steps, not ⌊log2 8⌋+1 = 4.
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M()
    {
        int e = 0;
        double x = 8.0;
        while (x > 0) { e++; x /= 2; }
        return e;
    }
}");
        _output.WriteLine(model.Dump());
        int iterations = 0;
        for (double x = 8.0; x > 0; x /= 2)
        {
            iterations++;
        }

        Term loop = LoopTerm(model);
        Assert.False(loop.Count is ConstExpr { Value: var counted } && counted < iterations, $"counted {loop.Count} < ran {iterations}");
    }

    [Fact]
    public void Interval_loop_whose_probe_is_not_the_midpoint_is_not_a_binary_search()
    {
        // Interpolation search moves lo/hi past a probe it computes from the data: n probes in the
        // worst case (a skewed array), not log2 n.
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(int[] a, int x)
    {
        int lo = 0, hi = a.Length - 1;
        while (lo <= hi)
        {
            int mid = a[hi] == a[lo] ? lo : lo + (int)((long)(x - a[lo]) * (hi - lo) / (a[hi] - a[lo]));
            if (mid < lo || mid > hi) return -1;
            if (a[mid] == x) return mid;
            if (a[mid] < x) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }
}");
        _output.WriteLine(model.Dump());
        Assert.DoesNotContain(model.Pieces.SelectMany(p => p.Terms), t => t.Description.Contains("log2"));
        Assert.DoesNotContain(model.Quantities, q => q.Bound is not null && q.Bound.ToString()!.Contains("log2"));
    }

    [Theory]
    [InlineData("int mid = lo + ((hi - lo) >> 1);")]
    [InlineData("int mid = (lo + hi) / 2;")]
    [InlineData("int mid = (int)(((uint)hi + (uint)lo) >> 1);")]
    public void Midpoint_probes_keep_the_logarithmic_bound(string probe)
    {
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(int[] a, int x)
    {
        int lo = 0, hi = a.Length - 1;
        while (lo <= hi)
        {
            " + probe + @"
            if (a[mid] == x) return mid;
            if (a[mid] < x) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }
}");
        _output.WriteLine(model.Dump());
        Assert.Contains(model.Quantities, q => q.Bound is not null && q.Bound.ToString()!.Contains("log2"));
    }
    [Fact]
    public void Inner_range_that_can_be_empty_for_late_outer_iterations_is_never_counted_negative()
    {
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(int n, int m)
    {
        int s = 0;
        for (int i = 0; i < n; i++)
            for (int j = i; j < m; j++)
                s += j;
        return s;
    }
}");
        _output.WriteLine(model.Dump());
        Term inner = model.Pieces.Last().Terms.Single(t => t.Description.Contains("j < m"));
        foreach ((int n, int m) in new[] { (10, 2), (3, 5), (0, 4), (5, 5), (6, 0), (4, -3), (1, 1) })
        {
            int iterations = 0;
            for (int i = 0; i < n; i++)
                for (int j = i; j < m; j++)
                    iterations++;
            double counted = ModelEvaluator.Evaluate(inner.Count, q => q == "n" ? n : m);
            Assert.True(counted >= iterations, $"n={n}, m={m}: counted {counted} < ran {iterations}");
        }
    }

    [Theory]
    [InlineData("for (int j = i + 1; j < n; j++)")]
    [InlineData("for (int j = i; j < n; j++)")]
    [InlineData("for (int j = 0; j <= i; j++)")]
    [InlineData("for (int j = n - 1; j > i; j--)")]
    public void Triangular_nests_keep_their_exact_closed_form(string innerHeader)
    {
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(int n)
    {
        int s = 0;
        for (int i = 0; i < n; i++)
            " + innerHeader + @"
                s += j;
        return s;
    }
}");
        _output.WriteLine(model.Dump());
        Term inner = model.Pieces.Last().Terms.Where(t => t.Description.Contains("loop")).Last();
        foreach (int n in new[] { -2, 0, 1, 2, 5, 100 })
        {
            int iterations = 0;
            for (int i = 0; i < n; i++)
            {
                iterations += innerHeader switch
                {
                    "for (int j = i + 1; j < n; j++)" => Math.Max(0, n - i - 1),
                    "for (int j = i; j < n; j++)" => Math.Max(0, n - i),
                    "for (int j = 0; j <= i; j++)" => i + 1,
                    _ => Math.Max(0, n - 1 - i),
                };
            }

            Assert.Equal(iterations, ModelEvaluator.Evaluate(inner.Count, _ => n), 9);
        }
    }

    [Theory]
    [InlineData("static int _n; public static int M() { int s = 0; for (int i = 0; i < _n; i++) { if (i == 3) _n++; s += i; } return s; }")]
    [InlineData("int _count; public int M() { int s = 0; int i = 0; while (i < _count) { s += i; i++; if (s > 100) _count += 2; } return s; }")]
    public void Bound_read_from_a_field_the_loop_assigns_is_not_the_trip_count(string members)
    {
        // Entered with _n = 5, the first loop runs 6 times (_n becomes 6 at i == 3): max(0, _n) read before the loop is too low.
        InterfaceModel model = Extraction.Extract("class C { " + members + " }");
        _output.WriteLine(model.Dump());
        Assert.Contains(model.Quantities, q => q.Kind == QuantityKind.Pcv);
        Assert.DoesNotContain(model.Quantities, q => q.Kind == QuantityKind.State);
    }

    [Fact]
    public void Bound_a_called_local_function_assigns_is_not_the_trip_count()
    {
        // Grow() moves n on each call: entered with n = 3 the loop runs 1000 times, not 3.
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(int n)
    {
        int s = 0;
        for (int i = 0; i < n; i++) { Grow(); s += i; }
        return s;
        void Grow() { if (n < 1000) n++; }
    }
}");
        _output.WriteLine(model.Dump());
        Assert.Contains(model.Quantities, q => q.Kind == QuantityKind.Pcv && q.Bound is null);
    }

    [Theory]
    [InlineData("byte")]
    [InlineData("sbyte")]
    [InlineData("short")]
    [InlineData("uint")]
    public void Bound_through_an_unchecked_narrowing_cast_is_not_the_operands_value(string type)
    {
        // (byte)-1 is 255 and (sbyte)200 is -56: max(0, n) is too low at n = -1 and (uint)n is 2^32 - 3 at n = -3.
        // The counter is a long so that only the cast, not the counter's range, is in question.
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(int n)
    {
        int s = 0;
        for (long i = 0; i < (" + type + @")n; i++) s++;
        return s;
    }
}");
        _output.WriteLine(model.Dump());
        foreach (int n in new[] { -65535, -3, -1, 0, 7, 200, 300, 70000 })
        {
            long iterations = Math.Max(0, type switch
            {
                "byte" => (long)unchecked((byte)n),
                "sbyte" => unchecked((sbyte)n),
                "short" => unchecked((short)n),
                _ => unchecked((uint)n),
            });
            AssertUpperBoundOrUnbounded(model, iterations, n);
        }
    }

    [Fact]
    public void Checked_narrowing_cast_keeps_the_bound()
    {
        // A checked narrowing keeps n or throws before the loop runs on a wrapped value.
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(int n)
    {
        int s = 0;
        for (long i = 0; i < checked((byte)n); i++) s++;
        return s;
    }
}");
        _output.WriteLine(model.Dump());
        Assert.Equal(7.0, ModelEvaluator.Evaluate(LoopTerm(model).Count, _ => 7));
        Assert.Equal(0.0, ModelEvaluator.Evaluate(LoopTerm(model).Count, _ => -7));
    }

    [Theory]
    [InlineData("for (byte i = 0; i < n; i++)")]
    [InlineData("for (char i = 'a'; i < n; i++)")]
    [InlineData("for (short i = 0; i <= n; i++)")]
    [InlineData("for (uint i = 10; i >= 0; i--)")]
    [InlineData("for (int i = 0; i <= int.MaxValue; i++)")]
    [InlineData("for (int i = 0; i < int.MaxValue; i += 2)")]
    public void Counter_that_wraps_round_before_its_bound_gets_no_count_from_the_bound(string header)
    {
        // byte i < 300, char i < 70000, short i <= 40000 never end; uint i >= 0 never fails; i <= int.MaxValue
        // never fails; i += 2 steps from 2^31 - 2 over int.MaxValue to int.MinValue. The loop ends only at the break.
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(int n)
    {
        int s = 0;
        " + header + @" { s++; if (s > 100000) break; }
        return s;
    }
}");
        _output.WriteLine(model.Dump());
        Assert.Contains(model.Quantities, q => q.Kind == QuantityKind.Pcv && q.Bound is null);
    }

    [Fact]
    public void Not_equal_counter_that_starts_past_its_bound_wraps_round()
    {
        // for (i = 0; i != n; i++) at n = -3 runs 2^32 - 3 times (i wraps from int.MaxValue to int.MinValue).
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(int n)
    {
        int s = 0;
        for (int i = 0; i != n; i++) s++;
        return s;
    }
}");
        _output.WriteLine(model.Dump());
        Term loop = LoopTerm(model);
        foreach (int n in new[] { int.MinValue, -3, -1, 0, 1, 10, int.MaxValue })
        {
            long iterations = unchecked((uint)n); // the number of +1 steps from 0 to n, modulo 2^32
            Assert.Equal(iterations, ModelEvaluator.Evaluate(loop.Count, _ => n), 0);
        }
    }

    [Theory]
    [InlineData("a.AsSpan(1, k)")]
    [InlineData("a.AsSpan(k)")]
    [InlineData("new int[k]")]
    public void Loop_over_a_computed_length_never_counts_negative(string collection)
    {
        // a.AsSpan(1, -1), a.AsSpan(11) and new int[-1] throw before the loop: 0 iterations, not -1.
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(int[] a, int k)
    {
        int s = 0;
        foreach (int x in " + collection + @") s += x;
        return s;
    }
}", allowErrors: true); // the test compilation's language version refuses foreach over a span (CS8652); the loop is still bound
        _output.WriteLine(model.Dump());
        int[] a = new int[10];
        foreach (int k in new[] { -5, -1, 0, 3, 9, 11, 20 })
        {
            int iterations = 0;
            try
            {
                int[] items = collection switch { "a.AsSpan(1, k)" => a.AsSpan(1, k).ToArray(), "a.AsSpan(k)" => a.AsSpan(k).ToArray(), _ => new int[k] };
                iterations = items.Length;
            }
            catch (ArgumentOutOfRangeException)
            {
            }
            catch (OverflowException)
            {
            }

            Term loop = model.Pieces.Last().Terms.Single(t => t.Description.StartsWith("foreach over", StringComparison.Ordinal));
            double counted = ModelEvaluator.Evaluate(loop.Count, q => q == "a.Length" ? a.Length : k);
            Assert.True(counted >= iterations && counted >= 0, $"k={k}: counted {counted}, ran {iterations}");
        }
    }

    /// <summary>The model's loop count is at least <paramref name="iterations"/> at input n, or the loop is an unbounded PCV.</summary>
    private static void AssertUpperBoundOrUnbounded(InterfaceModel model, long iterations, int n)
    {
        if (model.Quantities.Any(q => q.Kind == QuantityKind.Pcv && q.Bound is null))
        {
            return;
        }

        double counted = ModelEvaluator.Evaluate(LoopTerm(model).Count, _ => n);
        Assert.True(counted >= iterations, $"n={n}: counted {counted} < ran {iterations}");
    }

    private static Term LoopTerm(InterfaceModel model) =>
        model.Pieces.Last().Terms.Single(t => t.Description.StartsWith("loop over", StringComparison.Ordinal));
}
