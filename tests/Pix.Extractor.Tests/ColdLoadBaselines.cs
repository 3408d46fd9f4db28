using System.Threading;
using Pix.Model;
using Pix.Serialization;
using Pix.Solver;

namespace Pix.Extractor.Tests;

/// <summary>
/// A cold-load model written to a baseline file and read back, as the cold-load PCV tests (one per level Pix added)
/// check it: an interface extracted before a level's PCV compares as unchanged with today's, and today's round-trips.
/// </summary>
internal static class ColdLoadBaselines
{
    private static readonly SourceInfo Source = new("src/C.cs", 1, 2, 3, 4, SourceInfo.HashOf("c"));

    /// <summary>The baseline file holding <paramref name="model"/> alone.</summary>
    public static string Write(InterfaceModel model) => BaselineWriter.Write(Baseline.Create(new[] { new BaselineEntry(model, Source) }));

    /// <summary>The baseline <paramref name="text"/> reads as, asserting it reads without errors.</summary>
    public static Baseline Read(string text)
    {
        BaselineReadResult read = BaselineReader.Read(text, "pix.baseline.json");
        Assert.Empty(read.Errors);
        return read.Baseline;
    }

    /// <summary>
    /// Writes <paramref name="old"/> (a model as a build before <paramref name="absentField"/> extracted it: the file must not
    /// contain the field), reads it back, and compares it with <paramref name="current"/> on <paramref name="hw"/>: the worst
    /// the new PCV can do is its bound, 0, so nothing is slower, faster or grown.
    /// </summary>
    public static void AssertUnchanged(InterfaceModel old, InterfaceModel current, HardwareProfile hw, string absentField)
    {
        Assert.NotEqual(old, current);
        string text = Write(old);
        Assert.DoesNotContain(absentField, text);
        InterfaceModel baseline = Assert.Single(Read(text).Entries).Interface;

        InterfaceComparison comparison = InterfaceComparer.Compare(
            baseline, current, 0, hw, new FallbackEngine(SolverOptions.Default), SolverOptions.Default, CancellationToken.None);
        Assert.Null(comparison.Slower);
        Assert.Null(comparison.Faster);
        Assert.Empty(comparison.Growth);
    }
}
