using System;
using System.Linq;
using Pix.Model;
using Xunit.Abstractions;

namespace Pix.Extractor.Tests;

/// <summary>
/// Loop counts the extractor used to leave as unbounded PCVs although the inputs give them exactly: a scaled counter
/// (<c>i * 2 &lt; n</c>), a <c>Math.Min</c>/<c>Math.Max</c> bound, a range slice (<c>a[1..^1]</c>), a span consumed from
/// the front (<c>s = s.Slice(1)</c>). Each count is checked against the loop itself, run in C# at edge inputs: exact
/// where the loop runs to its bound, an upper bound where slicing throws first, and no count at all where the
/// counter can wrap round before its test fails.
/// </summary>
public sealed class EasyLoopCountTests
{
    private static readonly int[] Bounds = { int.MinValue, -100001, -7, -2, -1, 0, 1, 2, 3, 7, 8, 9, 1000, 100001 };

    private readonly ITestOutputHelper _output;

    public EasyLoopCountTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("for (int i = 0; i * 2 < n; i++)")]
    [InlineData("for (int i = 0; 2 * i < n; i++)")]
    [InlineData("for (int i = 0; (i << 1) < n; i++)")]
    [InlineData("for (int i = 1; i * 3 <= n; i++)")]
    [InlineData("for (int i = 0; n > i * 4; i += 3)")]
    [InlineData("for (int i = -5; i * 2 < n; i++)")]
    [InlineData("for (int i = 100; i * 2 > n; i--)")]
    [InlineData("for (int i = 100; i * 3 >= n; i -= 2)")]
    [InlineData("for (long i = 0; i * 2 < n; i++)")]
    [InlineData("for (int i = 0; checked(i * 2) < n; i++)")]
    public void Scaled_counter_counts_exactly(string header)
    {
        InterfaceModel model = Extract(@"
static class C
{
    public static int M(int n)
    {
        int s = 0;
        " + header + @" s++;
        return s;
    }
}");
        Term loop = LoopTerm(model);
        // A falling counter's product wraps at int.MinValue when the bound is within s·k − 1 of it (the
        // exception ScaledBound documents): its trip count there is not the bound's, so it is not run.
        foreach (int n in header.Contains("i--") || header.Contains("i -=") ? Bounds.Where(b => b != int.MinValue) : Bounds)
        {
            long ran = header switch
            {
                "for (int i = 0; i * 2 < n; i++)" => Run(0, i => i * 2 < n, 1),
                "for (int i = 0; 2 * i < n; i++)" => Run(0, i => 2 * i < n, 1),
                "for (int i = 0; (i << 1) < n; i++)" => Run(0, i => (i << 1) < n, 1),
                "for (int i = 1; i * 3 <= n; i++)" => Run(1, i => i * 3 <= n, 1),
                "for (int i = 0; n > i * 4; i += 3)" => Run(0, i => n > i * 4, 3),
                "for (int i = -5; i * 2 < n; i++)" => Run(-5, i => i * 2 < n, 1),
                "for (int i = 100; i * 2 > n; i--)" => Run(100, i => i * 2 > n, -1),
                "for (int i = 100; i * 3 >= n; i -= 2)" => Run(100, i => i * 3 >= n, -2),
                "for (long i = 0; i * 2 < n; i++)" => Run(0, i => (long)i * 2 < n, 1),
                _ => Run(0, i => checked(i * 2) < n, 1),
            };
            Assert.Equal(ran, ModelEvaluator.Evaluate(loop.Count, Inputs(("n", n))), 9);
        }
    }

    [Theory]
    [InlineData("for (int i = 0; i * 2 < 2147483647; i++)")] // i * 2 is even: it never reaches int.MaxValue, it wraps
    [InlineData("for (int i = 0; i * 2 <= 2147483646; i++)")] // (2^30) * 2 wraps to int.MinValue
    [InlineData("for (byte i = 0; i * 2 < n; i++)")] // a byte counter wraps at 256 before i * 2 reaches n = 600
    [InlineData("for (int i = 0; i * 2 < m; i++)")] // an int product never reaches a long bound above int.MaxValue
    [InlineData("for (int i = k; i * 2 < n; i++)")] // k * 2 may already have wrapped (k = 2^30 + 5: negative, below n)
    public void Scaled_counter_whose_product_can_wrap_gets_no_count_from_the_bound(string header)
    {
        InterfaceModel model = Extract(@"
static class C
{
    public static int M(int n, long m, int k)
    {
        int s = 0;
        " + header + @" { s++; if (s > 100000) break; }
        return s;
    }
}");
        Assert.Contains(model.Quantities, q => q.Kind == QuantityKind.Pcv && q.Bound is null);
    }

    [Theory]
    [InlineData("i < Math.Min(n, m)")]
    [InlineData("i < Math.Max(n, m)")]
    [InlineData("i <= Math.Min(n, m)")]
    [InlineData("Math.Min(m, n) > i")]
    public void Min_and_max_bounds_count_exactly(string condition)
    {
        InterfaceModel model = Extract(@"
using System;
static class C
{
    public static int M(int n, int m)
    {
        int s = 0;
        for (int i = 0; " + condition + @"; i++) s++;
        return s;
    }
}");
        Term loop = LoopTerm(model);
        Assert.Contains("Math.", loop.Description, StringComparison.Ordinal);
        int[] values = { -1000, -3, -1, 0, 1, 2, 5, 17, 1000 };
        foreach (int n in values)
        {
            foreach (int m in values)
            {
                long ran = condition switch
                {
                    "i < Math.Min(n, m)" => Run(0, i => i < Math.Min(n, m), 1),
                    "i < Math.Max(n, m)" => Run(0, i => i < Math.Max(n, m), 1),
                    "i <= Math.Min(n, m)" => Run(0, i => i <= Math.Min(n, m), 1),
                    _ => Run(0, i => Math.Min(m, n) > i, 1),
                };
                Assert.Equal(ran, ModelEvaluator.Evaluate(loop.Count, Inputs(("n", n), ("m", m))), 9);
            }
        }
    }

    [Fact]
    public void Floating_min_is_not_an_integer_bound()
    {
        // Math.Min(double.NaN, x) is NaN, and i < NaN is false: no max(0, ·) formula describes that.
        InterfaceModel model = Extract(@"
using System;
static class C
{
    public static int M(double x, double y)
    {
        int s = 0;
        for (int i = 0; i < Math.Min(x, y); i++) { s++; if (s > 1000) break; }
        return s;
    }
}");
        Assert.Contains(model.Quantities, q => q.Kind == QuantityKind.Pcv && q.Bound is null);
    }

    [Theory]
    [InlineData("a[1..^1]")]
    [InlineData("a[k..]")]
    [InlineData("a[..k]")]
    [InlineData("a[^k..]")]
    [InlineData("a.AsSpan()[1..^1]")]
    [InlineData("a.AsSpan()[..k]")]
    [InlineData("a.AsSpan().Slice(k)")]
    [InlineData("s[1..^1]")]
    public void Loop_over_a_range_slice_counts_its_length(string slice)
    {
        InterfaceModel model = Extract(@"
using System;
static class C
{
    public static int M(int[] a, string s, int k)
    {
        int t = 0;
        for (int i = 0; i < " + slice + @".Length; i++) t++;
        return t;
    }
}");
        Term loop = LoopTerm(model);
        foreach (int length in new[] { 0, 1, 2, 3, 8 })
        {
            foreach (int k in new[] { -1, 0, 1, 2, 5, 9 })
            {
                int[] a = new int[length];
                string s = new string('x', length);
                int ran;
                try
                {
                    ran = slice switch
                    {
                        "a[1..^1]" => a[1..^1].Length,
                        "a[k..]" => a[k..].Length,
                        "a[..k]" => a[..k].Length,
                        "a[^k..]" => a[^k..].Length,
                        "a.AsSpan()[1..^1]" => a.AsSpan()[1..^1].Length,
                        "a.AsSpan()[..k]" => a.AsSpan()[..k].Length,
                        "a.AsSpan().Slice(k)" => a.AsSpan().Slice(k).Length,
                        _ => s[1..^1].Length,
                    };
                }
                catch (Exception ex) when (ex is ArgumentOutOfRangeException or ArgumentException or OverflowException)
                {
                    ran = 0; // the slice throws before the loop
                }

                double counted = ModelEvaluator.Evaluate(loop.Count, Inputs(("a.Length", length), ("s.Length", length), ("k", k)));
                Assert.True(counted >= ran && counted >= 0, $"length {length}, k {k}: counted {counted}, ran {ran}");
                if (ran > 0)
                {
                    Assert.Equal(ran, counted);
                }
            }
        }
    }

    [Theory]
    [InlineData("while (!s.IsEmpty) { t++; s = s.Slice(1); }")]
    [InlineData("while (s.Length > 0) { t++; s = s[1..]; }")]
    [InlineData("while (s.Length != 0) { t++; s = s.Slice(1); }")]
    [InlineData("while (s.Length >= 2) { t++; s = s[2..]; }")]
    [InlineData("while (s.Length > 0) { t++; s = s.Slice(3); }")]
    [InlineData("while (0 < s.Length) { t += s[0]; s = s.Slice(2); }")]
    [InlineData("do { t++; s = s.Slice(1); } while (!s.IsEmpty);")]
    [InlineData("for (; !s.IsEmpty; s = s.Slice(1)) t++;")]
    public void Span_consumed_from_the_front_counts_its_length(string loopText)
    {
        InterfaceModel model = Extract(@"
using System;
static class C
{
    public static int M(ReadOnlySpan<byte> s)
    {
        int t = 0;
        " + loopText + @"
        return t;
    }
}");
        Term loop = LoopTerm(model);
        foreach (int length in new[] { 0, 1, 2, 3, 4, 5, 6, 7, 100 })
        {
            (int ran, bool threw) = RunConsuming(loopText, new byte[length]);
            double counted = ModelEvaluator.Evaluate(loop.Count, Inputs(("s.Length", length)));
            if (threw)
            {
                Assert.True(counted >= ran, $"length {length}: counted {counted} < ran {ran}");
            }
            else
            {
                Assert.Equal(ran, counted);
            }
        }
    }

    [Fact]
    public void String_consumed_by_substring_counts_its_length()
    {
        InterfaceModel model = Extract(@"
static class C
{
    public static int M(string s)
    {
        int t = 0;
        while (s.Length > 0) { t++; s = s.Substring(1); }
        return t;
    }
}");
        Term loop = LoopTerm(model);
        foreach (int length in new[] { 0, 1, 5 })
        {
            Assert.Equal(length, ModelEvaluator.Evaluate(loop.Count, Inputs(("s.Length", length))));
        }
    }

    [Theory]
    [InlineData("while (!s.IsEmpty) { t++; if (t > 3) continue; s = s.Slice(1); }")] // continue skips the slice: never ends
    [InlineData("while (!s.IsEmpty) { t++; s = s.Slice(t % 2); }")] // Slice(0) keeps the length
    [InlineData("while (!s.IsEmpty) { t++; s = s.Slice(1); if (t == 2) s = s.Slice(0); }")] // a second write
    [InlineData("while (s.Length > 0) { t++; s = o.Slice(1); }")] // another span's slice: the length never falls
    public void Span_loop_that_may_not_shrink_gets_no_count(string loopText)
    {
        InterfaceModel model = Extract(@"
using System;
static class C
{
    public static int M(ReadOnlySpan<byte> s, ReadOnlySpan<byte> o)
    {
        int t = 0;
        " + loopText + @"
        return t;
    }
}");
        Assert.Contains(model.Quantities, q => q.Kind == QuantityKind.Pcv && q.Bound is null);
    }

    private InterfaceModel Extract(string source)
    {
        InterfaceModel model = Extraction.Extract(source);
        _output.WriteLine(model.Dump());
        return model;
    }

    /// <summary>
    /// The inputs' values by name; any other name (a PCV standing for the count) fails the test, so that a loop left
    /// as a PCV cannot pass by the PCV taking the input's value.
    /// </summary>
    private static Func<string, double> Inputs(params (string Name, double Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name) is { Name: not null } found
            ? found.Value
            : throw new InvalidOperationException($"the count reads '{name}', which is not an input");

    /// <summary>Iterations of <c>for (i = start; test(i); i += step)</c> in int arithmetic (wrapping, as C# does), capped.</summary>
    private static long Run(int start, Func<int, bool> test, int step)
    {
        long iterations = 0;
        for (int i = start; test(i); i = unchecked(i + step))
        {
            if (++iterations > 10_000_000)
            {
                throw new InvalidOperationException("the loop does not end");
            }
        }

        return iterations;
    }

    /// <summary>Body runs of the consuming loop <paramref name="loopText"/> on <paramref name="data"/>, and whether it threw.</summary>
    private static (int Ran, bool Threw) RunConsuming(string loopText, byte[] data)
    {
        ReadOnlySpan<byte> s = data;
        int t = 0;
        try
        {
            switch (loopText)
            {
                case "while (!s.IsEmpty) { t++; s = s.Slice(1); }":
                case "while (s.Length > 0) { t++; s = s[1..]; }":
                case "while (s.Length != 0) { t++; s = s.Slice(1); }":
                case "for (; !s.IsEmpty; s = s.Slice(1)) t++;":
                    while (!s.IsEmpty) { t++; s = s.Slice(1); }
                    break;
                case "while (s.Length >= 2) { t++; s = s[2..]; }":
                    while (s.Length >= 2) { t++; s = s[2..]; }
                    break;
                case "while (s.Length > 0) { t++; s = s.Slice(3); }":
                    while (s.Length > 0) { t++; s = s.Slice(3); }
                    break;
                case "while (0 < s.Length) { t += s[0]; s = s.Slice(2); }":
                    while (0 < s.Length) { t++; s = s.Slice(2); }
                    break;
                default:
                    do { t++; s = s.Slice(1); } while (!s.IsEmpty);
                    break;
            }
        }
        catch (ArgumentOutOfRangeException)
        {
            return (t, true);
        }

        return (t, false);
    }

    private static Term LoopTerm(InterfaceModel model) =>
        model.Pieces.Last().Terms.Single(t => t.Description.StartsWith("loop over", StringComparison.Ordinal));
}
