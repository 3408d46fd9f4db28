using System;
using System.Collections.Generic;
using Pix.Model;

namespace Pix.Extractor.Tests;

public sealed class ModelEvaluatorTests
{
    private static readonly Provenance Here = new("Test.cs", 0, 1, 1, 1, "test");

    private static InterfaceModel Model(params Piece[] pieces) => new(
        "M:T.M(System.Int32)",
        "T.M(int)",
        EquatableArray.Create(
            new Quantity("n", QuantityKind.Value, "n", "parameter n"),
            new Quantity("hits", QuantityKind.Pcv, null, "iterations before the early exit", Expr.Symbol("n"))),
        EquatableArray.Create(pieces),
        default,
        0,
        Here);

    private static Term PerIteration(Expr count) =>
        new(BlockSummary.Create(new[] { new OperationCount(OperationClass.IntegerAlu, 10) }), count, Here, "loop");

    [Fact]
    public void First_matching_piece_wins_and_pcv_defaults_to_its_bound()
    {
        InterfaceModel model = Model(
            new Piece(Guard.Compare(Expr.Symbol("n"), Comparison.Less, Expr.Const(0)), default),
            new Piece(Guard.Always, EquatableArray.Create(PerIteration(Expr.Symbol("hits")))));

        double perIteration = 10 * HardwareProfile.Reference.ThroughputNs(OperationClass.IntegerAlu);
        var values = new Dictionary<string, double> { ["n"] = 100 };
        Assert.Equal(100 * perIteration, ModelEvaluator.Evaluate(model, values, HardwareProfile.Reference).Nanoseconds, 9);

        values["hits"] = 3;
        Assert.Equal(3 * perIteration, ModelEvaluator.Evaluate(model, values, HardwareProfile.Reference).Nanoseconds, 9);

        values["n"] = -1;
        Assert.Equal(0, ModelEvaluator.Evaluate(model, values, HardwareProfile.Reference).Nanoseconds);
    }

    [Fact]
    public void A_missing_input_is_named_in_the_error()
    {
        InterfaceModel model = Model(new Piece(Guard.Always, EquatableArray.Create(PerIteration(Expr.Symbol("n")))));
        var error = Assert.Throws<ArgumentException>(() =>
            ModelEvaluator.Evaluate(model, new Dictionary<string, double>(), HardwareProfile.Reference));
        Assert.Contains("'n'", error.Message);
    }
}
