using System;
using System.Globalization;

namespace Pix;

/// <summary>
/// A duration predicted by a performance interface, in nanoseconds. A value type with arithmetic,
/// comparison and human-readable formatting (<c>"1.23 µs"</c>).
/// </summary>
public readonly struct Latency : IEquatable<Latency>, IComparable<Latency>, IFormattable
{
    /// <summary>Creates a latency of <paramref name="nanoseconds"/>.</summary>
    public Latency(double nanoseconds) => Nanoseconds = nanoseconds;

    /// <summary>The latency in nanoseconds.</summary>
    public double Nanoseconds { get; }

    /// <summary>The latency in microseconds.</summary>
    public double Microseconds => Nanoseconds / 1_000.0;

    /// <summary>The latency in milliseconds.</summary>
    public double Milliseconds => Nanoseconds / 1_000_000.0;

    /// <summary>No time at all.</summary>
    public static Latency Zero => default;

    /// <summary>Creates a latency from nanoseconds.</summary>
    public static Latency FromNanoseconds(double value) => new(value);

    /// <summary>Creates a latency from microseconds.</summary>
    public static Latency FromMicroseconds(double value) => new(value * 1_000.0);

    /// <summary>Creates a latency from milliseconds.</summary>
    public static Latency FromMilliseconds(double value) => new(value * 1_000_000.0);

    /// <summary>Converts to a <see cref="TimeSpan"/> (100 ns resolution).</summary>
    public TimeSpan ToTimeSpan() => TimeSpan.FromTicks((long)Math.Round(Nanoseconds / 100.0));

    /// <summary>The larger of two latencies.</summary>
    public static Latency Max(Latency a, Latency b) => a.Nanoseconds >= b.Nanoseconds ? a : b;

    /// <summary>The smaller of two latencies.</summary>
    public static Latency Min(Latency a, Latency b) => a.Nanoseconds <= b.Nanoseconds ? a : b;

#pragma warning disable CS1591 // operators are self-describing
    public static Latency operator +(Latency a, Latency b) => new(a.Nanoseconds + b.Nanoseconds);
    public static Latency operator -(Latency a, Latency b) => new(a.Nanoseconds - b.Nanoseconds);
    public static Latency operator *(Latency a, double factor) => new(a.Nanoseconds * factor);
    public static Latency operator *(double factor, Latency a) => new(a.Nanoseconds * factor);
    public static Latency operator /(Latency a, double divisor) => new(a.Nanoseconds / divisor);
    public static double operator /(Latency a, Latency b) => a.Nanoseconds / b.Nanoseconds;
    public static bool operator ==(Latency a, Latency b) => a.Equals(b);
    public static bool operator !=(Latency a, Latency b) => !a.Equals(b);
    public static bool operator <(Latency a, Latency b) => a.Nanoseconds < b.Nanoseconds;
    public static bool operator >(Latency a, Latency b) => a.Nanoseconds > b.Nanoseconds;
    public static bool operator <=(Latency a, Latency b) => a.Nanoseconds <= b.Nanoseconds;
    public static bool operator >=(Latency a, Latency b) => a.Nanoseconds >= b.Nanoseconds;
#pragma warning restore CS1591

    /// <inheritdoc/>
    public bool Equals(Latency other) => Nanoseconds.Equals(other.Nanoseconds);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Latency other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Nanoseconds.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Latency other) => Nanoseconds.CompareTo(other.Nanoseconds);

    /// <summary>Formats with an adaptive unit and three significant digits, e.g. <c>"1.23 µs"</c>.</summary>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);

    /// <summary>
    /// Formats the latency. Format <c>null</c>/<c>"G"</c>: adaptive unit (ns, µs, ms, s) with three
    /// significant digits; <c>"ns"</c>, <c>"us"</c>, <c>"ms"</c>, <c>"s"</c>: that unit, two decimals.
    /// </summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        formatProvider ??= CultureInfo.InvariantCulture;
        double ns = Nanoseconds;
        switch (format)
        {
            case "ns": return ns.ToString("0.00", formatProvider) + " ns";
            case "us": return (ns / 1e3).ToString("0.00", formatProvider) + " µs";
            case "ms": return (ns / 1e6).ToString("0.00", formatProvider) + " ms";
            case "s": return (ns / 1e9).ToString("0.00", formatProvider) + " s";
            case null:
            case "":
            case "G":
                break;
            default:
                throw new FormatException($"Unknown latency format '{format}'. Use G, ns, us, ms or s.");
        }

        if (double.IsNaN(ns) || double.IsInfinity(ns))
        {
            return ns.ToString(formatProvider) + " ns";
        }

        double abs = Math.Abs(ns);
        (double value, string unit) = abs switch
        {
            < 1e3 => (ns, "ns"),
            < 1e6 => (ns / 1e3, "µs"),
            < 1e9 => (ns / 1e6, "ms"),
            _ => (ns / 1e9, "s"),
        };
        return ThreeSignificantDigits(value, formatProvider) + " " + unit;
    }

    private static string ThreeSignificantDigits(double value, IFormatProvider provider)
    {
        double abs = Math.Abs(value);
        string pattern = abs >= 100 ? "0" : abs >= 10 ? "0.0" : "0.00";
        return value.ToString(pattern, provider);
    }
}
