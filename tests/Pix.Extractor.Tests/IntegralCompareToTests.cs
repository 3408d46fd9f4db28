using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Model;
using Xunit.Abstractions;

namespace Pix.Extractor.Tests;

/// <summary>
/// <c>a.CompareTo(b)</c> on integral primitives is a number over the inputs, as the runtime computes it: the sign of a − b
/// for <c>int</c>, <c>uint</c>, <c>long</c>, <c>ulong</c>, and a − b itself for the narrower types (<c>short</c>'s, <c>byte</c>'s,
/// <c>char</c>'s CompareTo subtract). So a branch on the result (<c>int num = Line.CompareTo(other.Line); if (num == 0)</c>,
/// YamlDotNet's <c>Mark.CompareTo</c>) is a guard. Each case runs the branch in C# at inputs around a = b and at the
/// type's extremes (for the 64-bit types, where a − b stays within 2^53: the interface computes in doubles, exact up to there,
/// approximate beyond, as every 64-bit quantity is).
/// </summary>
public sealed class IntegralCompareToTests
{
    private readonly ITestOutputHelper _output;

    public IntegralCompareToTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Cases() =>
        from type in new[] { "int", "uint", "long", "ulong", "short", "ushort", "byte", "sbyte", "char" }
        from test in new[] { "c == 0", "c < 0", "c > 0", "c == -1", "c == 1", "c >= 1" }
        select new object[] { type, test };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Branch_on_an_integral_CompareTo_selects_the_piece_the_code_takes(string type, string test)
    {
        InterfaceModel model = Extract(@"
static class C
{
    public static int M(" + type + " a, " + type + @" b)
    {
        int s = 0;
        int c = a.CompareTo(b);
        if (" + test + @") { for (int i = 0; i < 100; i++) s += i; }
        return s;
    }
}");
        Assert.DoesNotContain(model.Gaps, g => g.Kind == GapKind.DataDependentBranch);
        (double min, double max) = type switch
        {
            "int" => ((double)int.MinValue, (double)int.MaxValue),
            "uint" => (0, uint.MaxValue),
            "long" => (-(1L << 52), 1L << 52),
            "ulong" => (0, 1L << 53),
            "short" => (short.MinValue, short.MaxValue),
            "ushort" or "char" => (0, ushort.MaxValue),
            "byte" => (0, byte.MaxValue),
            _ => (sbyte.MinValue, sbyte.MaxValue),
        };
        double[] points = { min, min + 1, -2, -1, 0, 1, 2, 100, max - 1, max };
        foreach (double a in points.Where(p => p >= min && p <= max))
        {
            foreach (double b in points.Where(p => p >= min && p <= max))
            {
                int c = Compare(type, a, b);
                bool taken = test switch
                {
                    "c == 0" => c == 0,
                    "c < 0" => c < 0,
                    "c > 0" => c > 0,
                    "c == -1" => c == -1,
                    "c == 1" => c == 1,
                    _ => c >= 1,
                };
                Piece piece = ModelEvaluator.SelectPiece(model, new Dictionary<string, double> { ["a"] = a, ["b"] = b });
                Assert.True(taken == piece.Terms.Any(t => t.Description.StartsWith("loop over", StringComparison.Ordinal)), $"a {a}, b {b}: CompareTo {c}, taken {taken}, piece {piece.When}");
            }
        }
    }

    [Fact]
    public void CompareTo_an_object_stays_data()
    {
        // CompareTo(object) unboxes and may throw; its result is not a number over the inputs.
        InterfaceModel model = Extract(@"
static class C
{
    public static int M(int a, object b)
    {
        int s = 0;
        if (a.CompareTo(b) == 0) { for (int i = 0; i < 100; i++) s += i; }
        return s;
    }
}");
        Assert.Contains(model.Gaps, g => g.Kind == GapKind.DataDependentBranch);
    }

    /// <summary>What the runtime's CompareTo returns for <paramref name="type"/>.</summary>
    private static int Compare(string type, double a, double b) => type switch
    {
        "int" => ((int)a).CompareTo((int)b),
        "uint" => ((uint)a).CompareTo((uint)b),
        "long" => ((long)a).CompareTo((long)b),
        "ulong" => ((ulong)a).CompareTo((ulong)b),
        "short" => ((short)a).CompareTo((short)b),
        "ushort" => ((ushort)a).CompareTo((ushort)b),
        "byte" => ((byte)a).CompareTo((byte)b),
        "char" => ((char)a).CompareTo((char)b),
        _ => ((sbyte)a).CompareTo((sbyte)b),
    };

    private InterfaceModel Extract(string source)
    {
        InterfaceModel model = Extraction.Extract(source);
        _output.WriteLine(model.Dump());
        return model;
    }
}
