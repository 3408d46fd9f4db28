using Pix.Model;
using Pix.Serialization;

namespace Pix.Extractor.Tests.Serialization;

/// <summary>
/// <see cref="OperationClass.BranchMiss"/> in baseline files: a count by class name like the others, so a
/// baseline written before the class existed reads as no misses and a new one round-trips.
/// </summary>
public sealed class BranchMissSerializationTests
{
    private static Baseline With(BlockSummary block)
    {
        InterfaceModel model = BaselineRoundTripTests.EveryNodeKind() with
        {
            Pieces = EquatableArray.Create(new Piece(Guard.Always, EquatableArray.Create(new Term(block, Expr.One, new Provenance("src/T.cs", 1, 2, 3, 4, "x"), "loop over trie")))),
        };
        return Baseline.Create(new[] { new BaselineEntry(model, new SourceInfo("src/T.cs", 1, 2, 3, 4, SourceInfo.HashOf("t"))) });
    }

    private static BlockSummary Level(double misses) => BlockSummary.Create(
        new[] { new OperationCount(OperationClass.IntegerAlu, 3), new OperationCount(OperationClass.Load, 2), new OperationCount(OperationClass.Branch, 2), new OperationCount(OperationClass.BranchMiss, misses) },
        new[] { new OperationCount(OperationClass.Load, 1) },
        takenBranches: 1);

    [Fact]
    public void Misses_round_trip_by_name()
    {
        Baseline baseline = With(Level(misses: 0.5));
        string text = BaselineWriter.Write(baseline);
        BaselineReadResult read = BaselineReader.Read(text, "pix.baseline.json");

        Assert.Empty(read.Errors);
        Assert.Equal(baseline, read.Baseline);
        Assert.Contains("\"BranchMiss\": 0.5", text);
    }

    [Fact]
    public void A_baseline_written_before_the_class_reads_as_no_misses()
    {
        Baseline old = With(Level(misses: 0));
        string text = BaselineWriter.Write(old);
        Assert.DoesNotContain("BranchMiss", text);

        BaselineReadResult read = BaselineReader.Read(text, "pix.baseline.json");

        Assert.Empty(read.Errors);
        BlockSummary block = Assert.Single(Assert.Single(read.Baseline.Entries).Interface.Pieces[0].Terms).Block;
        Assert.Equal(0, block.CountOf(OperationClass.BranchMiss));
        Assert.Equal(old, read.Baseline);
    }
}
