using System.Linq;
using Pix.Model;
using Pix.Serialization;
using static Pix.Extractor.Tests.Solver.Models;

namespace Pix.Extractor.Tests.Serialization;

public sealed class BaselineRoundTripTests
{
    /// <summary>An interface that uses every expression, guard, quantity, piece and gap kind.</summary>
    internal static InterfaceModel EveryNodeKind(string id = "M:Ns.T.M(System.Int32[],System.Boolean)")
    {
        Expr n = S("data.Length");
        Quantity[] quantities =
        {
            Size("data.Length"), Value("k"), Flag("flag"),
            new("_count", QuantityKind.State, "this._count", "field _count"),
            new("chain", QuantityKind.Pcv, null, "entries walked", Expr.Max(n, C(1)), new Provenance("T.cs", 40, 12, 4, 5, "while loop")),
        };
        Guard guard = Guard.Or(
            Guard.And(Guard.Compare(n, Comparison.Less, C(16)), Guard.Not(Guard.Compare(S("flag"), Comparison.Equal, C(1)))),
            Guard.Compare(S("k"), Comparison.NotEqual, C(-2.5)));
        Expr count = Expr.Add(
            Expr.Multiply(C(0.5), n, Expr.Subtract(n, C(1))),
            Expr.Min(S("k"), C(3)),
            Expr.Divide(n, C(8), ceiling: true),
            Expr.Divide(n, S("k"), ceiling: false),
            Expr.Multiply(n, Expr.Log2(n)),
            S("chain"));
        var block = BlockSummary.Create(
            new[] { new OperationCount(OperationClass.Load, 2), new OperationCount(OperationClass.IntegerAlu, 3.25) },
            new[] { new OperationCount(OperationClass.IntegerMultiply, 1) },
            new[] { new OpaqueCall("System.IO.File.ReadAllText", 1) });
        var provenance = new Provenance("src/T.cs", 100, 50, 10, 12, "for loop");
        return new InterfaceModel(
            id, "T.M(int[], bool)", quantities.ToEquatableArray(),
            EquatableArray.Create(
                new Piece(Guard.Compare(S("_count"), Comparison.GreaterOrEqual, C(0)), EquatableArray.Create(new Term(block, count, provenance, "loop over data")), PieceOrigin.MergedByResolution),
                new Piece(guard, EquatableArray.Create(new Term(BlockSummary.Empty, Expr.One, provenance, "nothing"))),
                new Piece(Guard.Compare(n, Comparison.LessOrEqual, C(1)), default),
                new Piece(Guard.Compare(n, Comparison.Greater, C(1e300)), default),
                new Piece(Guard.Always, EquatableArray.Create(new Term(block, n, provenance, "tail")))),
            EquatableArray.Create(System.Enum.GetValues(typeof(GapKind)).Cast<GapKind>()
                .Select(kind => new Gap(kind, "construct " + kind, "reason \"quoted\" \n newline", provenance)).ToArray()),
            0.05,
            new Provenance("src/T.cs", 0, 400, 1, 30, "method M"));
    }

    internal static Baseline Sample() => Baseline.Create(new[]
    {
        new BaselineEntry(EveryNodeKind("M:B.Second"), new SourceInfo("src/B.cs", 1, 2, 3, 4, SourceInfo.HashOf("b"))),
        new BaselineEntry(EveryNodeKind("M:A.First"), new SourceInfo("src/A.cs", 5, 6, 7, 8, SourceInfo.HashOf("a"))),
    });

    [Fact]
    public void Blocks_read_back_equal_the_extractors_whatever_order_the_file_lists_classes_in()
    {
        // Enum order (what the extractor produces) differs from the file's name order here:
        // IntegerAlu < Branch < Store by enum, Branch < IntegerAlu < Store by name.
        var block = BlockSummary.Create(new[]
        {
            new OperationCount(OperationClass.Store, 1),
            new OperationCount(OperationClass.Branch, 2),
            new OperationCount(OperationClass.IntegerAlu, 3),
        });
        InterfaceModel model = EveryNodeKind() with
        {
            Pieces = EquatableArray.Create(new Piece(Guard.Always, EquatableArray.Create(new Term(block, Expr.One, new Provenance("src/T.cs", 1, 2, 3, 4, "x"), "straight-line code")))),
        };
        Baseline baseline = Baseline.Create(new[] { new BaselineEntry(model, new SourceInfo("src/T.cs", 1, 2, 3, 4, SourceInfo.HashOf("t"))) });
        BaselineReadResult read = BaselineReader.Read(BaselineWriter.Write(baseline), "pix.baseline.json");
        Assert.Empty(read.Errors);
        Assert.Equal(baseline, read.Baseline);
    }

    [Fact]
    public void Every_node_kind_round_trips()
    {
        Baseline baseline = Sample();
        BaselineReadResult read = BaselineReader.Read(BaselineWriter.Write(baseline), "pix.baseline.json");
        Assert.Empty(read.Errors);
        Assert.Equal(baseline, read.Baseline);
    }

    [Fact]
    public void Writing_is_deterministic_sorted_and_lf_only()
    {
        string first = BaselineWriter.Write(Sample());
        string second = BaselineWriter.Write(BaselineReader.Read(first, "x").Baseline);
        Assert.Equal(first, second);
        Assert.DoesNotContain("\r", first);
        Assert.True(first.IndexOf("M:A.First", System.StringComparison.Ordinal) < first.IndexOf("M:B.Second", System.StringComparison.Ordinal));
        Assert.EndsWith("}\n", first);
    }

    [Fact]
    public void Hash_ignores_line_ending_style()
    {
        Assert.Equal(SourceInfo.HashOf("a\nb"), SourceInfo.HashOf("a\r\nb"));
        Assert.Equal(64, SourceInfo.HashOf("x").Length);
    }
}
