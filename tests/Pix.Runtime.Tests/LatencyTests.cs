using Pix;

namespace Pix.Runtime.Tests;

public sealed class LatencyTests
{
    [Theory]
    [InlineData(0.5, "0.50 ns")]
    [InlineData(12.345, "12.3 ns")]
    [InlineData(1234, "1.23 µs")]
    [InlineData(2_500_000, "2.50 ms")]
    [InlineData(3e9, "3.00 s")]
    public void Formats_with_an_adaptive_unit(double ns, string expected) =>
        Assert.Equal(expected, new Latency(ns).ToString());

    [Fact]
    public void Arithmetic_and_comparison_follow_nanoseconds()
    {
        Latency a = Latency.FromMicroseconds(1);
        Latency b = Latency.FromNanoseconds(250);
        Assert.Equal(1250, (a + b).Nanoseconds);
        Assert.Equal(750, (a - b).Nanoseconds);
        Assert.Equal(4.0, a / b);
        Assert.True(b < a);
        Assert.Equal(a, Latency.Max(a, b));
    }

    [Fact]
    public void Unknown_format_is_rejected_with_the_accepted_ones() =>
        Assert.Contains("ns, us, ms", Assert.Throws<System.FormatException>(() => new Latency(1).ToString("x", null)).Message);
}
