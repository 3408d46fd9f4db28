using Pix.Model;
using Pix.Serialization;

namespace Pix.Extractor.Tests.Serialization;

/// <summary><see cref="BlockSummary.ColdLoads"/> in baseline files: written only when present, optional when read.</summary>
public sealed class ColdLoadSerializationTests
{
    private static Baseline With(BlockSummary block)
    {
        InterfaceModel model = BaselineRoundTripTests.EveryNodeKind() with
        {
            Pieces = EquatableArray.Create(new Piece(Guard.Always, EquatableArray.Create(new Term(block, Expr.Symbol("n"), new Provenance("src/T.cs", 1, 2, 3, 4, "x"), "tableMisses cold loads in 160 KiB")))),
        };
        return Baseline.Create(new[] { new BaselineEntry(model, new SourceInfo("src/T.cs", 1, 2, 3, 4, SourceInfo.HashOf("t"))) });
    }

    private static BlockSummary Misses(params ColdLoad[] loads) => BlockSummary.Create(
        new[] { new OperationCount(OperationClass.Load, 1) },
        coldLoads: loads);

    [Fact]
    public void Cold_loads_round_trip()
    {
        Baseline baseline = With(Misses(new ColdLoad(163840, 1), new ColdLoad(1835008, 2.5)));
        string text = BaselineWriter.Write(baseline);
        BaselineReadResult read = BaselineReader.Read(text, "pix.baseline.json");

        Assert.Empty(read.Errors);
        Assert.Equal(baseline, read.Baseline);
        Assert.Contains("\"coldLoads\"", text);
        Assert.Contains("\"footprintBytes\": 163840", text);
        Assert.Contains("\"count\": 2.5", text);
    }

    [Fact]
    public void A_block_without_them_is_written_as_before_and_reads_back_without_them()
    {
        Baseline old = With(Misses());
        string text = BaselineWriter.Write(old);
        Assert.DoesNotContain("coldLoads", text);

        BaselineReadResult read = BaselineReader.Read(text, "pix.baseline.json");
        Assert.Empty(read.Errors);
        Assert.Equal(old, read.Baseline);
        Assert.True(Assert.Single(Assert.Single(read.Baseline.Entries).Interface.Pieces[0].Terms).Block.ColdLoads.IsEmpty);
    }

    [Theory]
    [InlineData("\"footprintBytes\": 163840", "\"footprintBytes\": -1", "positive number of bytes")]
    [InlineData("\"footprintBytes\": 163840", "\"footprintBytes\": \"big\"", "expected a number")]
    [InlineData("\"count\": 1", "\"count\": 1, \"lines\": 3", "lines")]
    public void A_malformed_cold_load_is_a_located_error(string field, string replacement, string message)
    {
        string text = BaselineWriter.Write(With(Misses(new ColdLoad(163840, 1)))).Replace(field, replacement);

        BaselineReadResult read = BaselineReader.Read(text, "pix.baseline.json");

        Assert.Contains(read.Errors, e => e.Message.Contains("coldLoads") && e.Message.Contains(message));
    }
}
