using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Model;
using Xunit.Abstractions;

namespace Pix.Extractor.Tests;

/// <summary>
/// An unchecked integral cast that can change its operand (<c>(byte)n</c>, <c>(ulong)(v + 1)</c>) is read as the value it
/// makes, wrap included, so that a guard on the cast and a count through it are exact: checked against C# at inputs on
/// both sides of every wrap.
/// </summary>
public sealed class WrappedCastTests
{
    private readonly ITestOutputHelper _output;

    public WrappedCastTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("byte")]
    [InlineData("sbyte")]
    [InlineData("short")]
    [InlineData("ushort")]
    [InlineData("uint")]
    public void Count_through_a_narrowing_cast_is_the_wrapped_value(string type)
    {
        InterfaceModel model = Extract(@"
static class C
{
    public static int M(int n)
    {
        int s = 0;
        for (long i = 0; i < (" + type + @")n; i++) s++;
        return s;
    }
}");
        Term loop = model.Pieces.Last().Terms.Single(t => t.Description.StartsWith("loop over", StringComparison.Ordinal));
        foreach (int n in new[] { int.MinValue, -65536, -65535, -257, -256, -129, -128, -3, -1, 0, 7, 127, 128, 200, 255, 256, 300, 32767, 32768, 65535, 65536, 70000, int.MaxValue })
        {
            long ran = Math.Max(0, type switch
            {
                "byte" => (long)unchecked((byte)n),
                "sbyte" => unchecked((sbyte)n),
                "short" => unchecked((short)n),
                "ushort" => unchecked((ushort)n),
                _ => unchecked((uint)n),
            });
            Assert.Equal(ran, ModelEvaluator.Evaluate(loop.Count, name => name == "n" ? n : throw new InvalidOperationException(name)));
        }
    }

    [Fact]
    public void Guard_on_an_unsigned_cast_of_a_computed_long_selects_the_piece_the_code_takes()
    {
        // Newtonsoft.Json's BoxedPrimitives.Get(long), decompiled: value + 1 in 0..9 as one unsigned test.
        InterfaceModel model = Extract(@"
static class C
{
    public static int M(long value)
    {
        long num = value - -1;
        int s = 0;
        if ((ulong)num <= 9uL) { for (int i = 0; i < 100; i++) s += i; }
        return s;
    }
}");
        Assert.DoesNotContain(model.Gaps, g => g.Kind == GapKind.DataDependentBranch);
        foreach (long value in new[] { long.MinValue, -1000, -3, -2, -1, 0, 5, 8, 9, 10, int.MaxValue, long.MaxValue - 1 })
        {
            bool inside = unchecked((ulong)(value - -1)) <= 9uL;
            Piece piece = ModelEvaluator.SelectPiece(model, new Dictionary<string, double> { ["value"] = value });
            Assert.True(inside == piece.Terms.Any(t => t.Description.StartsWith("loop over", StringComparison.Ordinal)), $"value {value}: inside {inside}, piece {piece.When}");
        }
    }

    [Theory]
    [InlineData("(byte)n > 3")]
    [InlineData("(sbyte)n < 0")]
    [InlineData("(uint)n >= 10u")]
    [InlineData("(ushort)(n + 1) == 0")]
    public void Guard_on_a_narrowing_cast_selects_the_piece_the_code_takes(string test)
    {
        InterfaceModel model = Extract(@"
static class C
{
    public static int M(int n)
    {
        int s = 0;
        if (" + test + @") { for (int i = 0; i < 100; i++) s += i; }
        return s;
    }
}");
        Assert.DoesNotContain(model.Gaps, g => g.Kind == GapKind.DataDependentBranch);
        foreach (int n in new[] { int.MinValue, -65537, -65536, -257, -256, -253, -129, -128, -1, 0, 3, 4, 9, 10, 127, 128, 255, 256, 259, 65535, 70000, int.MaxValue })
        {
            bool inside = test switch
            {
                "(byte)n > 3" => unchecked((byte)n) > 3,
                "(sbyte)n < 0" => unchecked((sbyte)n) < 0,
                "(uint)n >= 10u" => unchecked((uint)n) >= 10u,
                _ => unchecked((ushort)(n + 1)) == 0,
            };
            Piece piece = ModelEvaluator.SelectPiece(model, new Dictionary<string, double> { ["n"] = n });
            Assert.True(inside == piece.Terms.Any(t => t.Description.StartsWith("loop over", StringComparison.Ordinal)), $"n {n}: inside {inside}, piece {piece.When}");
        }
    }

    private InterfaceModel Extract(string source)
    {
        InterfaceModel model = Extraction.Extract(source);
        _output.WriteLine(model.Dump());
        return model;
    }
}
