using System.Threading;
using Pix.Model;
using Pix.Solver;
using Xunit;

namespace Pix.Extractor.Tests.Solver;

/// <summary>The structural shortcut of the regression check: exact, never a false "same".</summary>
public sealed class SameCostTests
{
    private const string Loop = "static class C { public static int M(int[] data) { int s = 0; for (int i = 0; i < data.Length; i++) s += data[i]; return s; } }";

    [Fact]
    public void Moved_code_costs_the_same()
    {
        InterfaceModel before = Extraction.Extract(Loop);
        InterfaceModel moved = Extraction.Extract("\n\n// moved down\n" + Loop.Replace("int s = 0;", "int s = 0; /* sum */"));

        Assert.NotEqual(before, moved);   // provenance differs
        Assert.True(SameCost.Holds(before, moved));
        InterfaceComparison comparison = InterfaceComparer.Compare(before, moved, 0, HardwareProfile.Reference, new FallbackEngine(SolverOptions.Default), SolverOptions.Default, CancellationToken.None);
        Assert.False(comparison.IsRegression);
        Assert.Null(comparison.Faster);
    }

    [Fact]
    public void One_more_operation_per_iteration_is_not_the_same()
    {
        InterfaceModel before = Extraction.Extract(Loop);
        InterfaceModel after = Extraction.Extract(Loop.Replace("s += data[i];", "s += data[i] * 3;"));

        Assert.False(SameCost.Holds(before, after));
        Assert.NotNull(InterfaceComparer.Compare(before, after, 0, HardwareProfile.Reference, new FallbackEngine(SolverOptions.Default), SolverOptions.Default, CancellationToken.None).Slower);
    }
}
