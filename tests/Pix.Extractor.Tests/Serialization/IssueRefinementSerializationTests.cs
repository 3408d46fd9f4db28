using Pix.Model;
using Pix.Serialization;

namespace Pix.Extractor.Tests.Serialization;

/// <summary>
/// <see cref="BlockSummary.FoldedLoads"/> and <see cref="BlockSummary.TakenBranches"/> in baseline files:
/// written only when non-zero, optional when read, so baselines written before they existed still load.
/// </summary>
public sealed class IssueRefinementSerializationTests
{
    private static Baseline With(BlockSummary block)
    {
        InterfaceModel model = BaselineRoundTripTests.EveryNodeKind() with
        {
            Pieces = EquatableArray.Create(new Piece(Guard.Always, EquatableArray.Create(new Term(block, Expr.One, new Provenance("src/T.cs", 1, 2, 3, 4, "x"), "loop over data")))),
        };
        return Baseline.Create(new[] { new BaselineEntry(model, new SourceInfo("src/T.cs", 1, 2, 3, 4, SourceInfo.HashOf("t"))) });
    }

    private static BlockSummary Loop(double folded, double taken) => BlockSummary.Create(
        new[] { new OperationCount(OperationClass.IntegerAlu, 3), new OperationCount(OperationClass.Load, 2), new OperationCount(OperationClass.Branch, 1) },
        new[] { new OperationCount(OperationClass.Load, 1) },
        foldedLoads: folded,
        takenBranches: taken);

    [Fact]
    public void Folded_loads_and_taken_branches_round_trip()
    {
        Baseline baseline = With(Loop(folded: 2, taken: 1));
        string text = BaselineWriter.Write(baseline);
        BaselineReadResult read = BaselineReader.Read(text, "pix.baseline.json");

        Assert.Empty(read.Errors);
        Assert.Equal(baseline, read.Baseline);
        Assert.Contains("\"foldedLoads\": 2", text);
        Assert.Contains("\"takenBranches\": 1", text);
    }

    [Fact]
    public void A_block_without_them_is_written_as_before_and_an_old_file_reads_as_zero()
    {
        Baseline old = With(Loop(folded: 0, taken: 0));
        string text = BaselineWriter.Write(old);
        Assert.DoesNotContain("foldedLoads", text);
        Assert.DoesNotContain("takenBranches", text);

        BaselineReadResult read = BaselineReader.Read(text, "pix.baseline.json");
        Assert.Empty(read.Errors);
        Assert.Equal(old, read.Baseline);

        // An old block prices as it did: no folding, no taken-branch floor.
        BlockSummary block = Assert.Single(Assert.Single(read.Baseline.Entries).Interface.Pieces[0].Terms).Block;
        Assert.Equal(0, block.FoldedLoads);
        Assert.Equal(0, block.TakenBranches);
    }

    [Fact]
    public void A_count_that_is_not_a_number_is_a_located_error()
    {
        string text = BaselineWriter.Write(With(Loop(folded: 2, taken: 1))).Replace("\"foldedLoads\": 2", "\"foldedLoads\": \"two\"");

        BaselineReadResult read = BaselineReader.Read(text, "pix.baseline.json");

        Assert.Contains(read.Errors, e => e.Message.Contains("foldedLoads") && e.Message.Contains("expected a number"));
    }
}
