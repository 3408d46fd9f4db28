using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests.Solver;

/// <summary>Hand-built interfaces for the solver tests.</summary>
internal static class Models
{
    public static readonly Provenance Here = new("Test.cs", 0, 1, 1, 1, "test");

    public static Quantity Size(string name) => new(name, QuantityKind.Size, name, "size " + name);

    public static Quantity Value(string name) => new(name, QuantityKind.Value, name, "parameter " + name);

    public static Quantity Flag(string name) => new(name, QuantityKind.Flag, name, "flag " + name);

    /// <summary>A term of <paramref name="aluOps"/> integer ALU operations (0.1 ns each on the reference), executed <paramref name="count"/> times.</summary>
    public static Term Alu(double aluOps, Expr count) =>
        new(BlockSummary.Create(new[] { new OperationCount(OperationClass.IntegerAlu, aluOps) }), count, Here, "block");

    public static Piece Piece(Guard when, params Term[] terms) => new(when, terms.ToEquatableArray());

    public static Piece Otherwise(params Term[] terms) => new(Guard.Always, terms.ToEquatableArray());

    public static InterfaceModel Interface(Quantity[] quantities, params Piece[] pieces) => new(
        "M:T.M(System.Int32)", "T.M(int)", quantities.ToEquatableArray(), pieces.ToEquatableArray(), default, 0, Here);

    public static Expr S(string name) => Expr.Symbol(name);

    public static Expr C(double value) => Expr.Const(value);

    /// <summary>10 + 2n (cost in ALU ops; 1 + 0.2n ns on the reference profile).</summary>
    public static InterfaceModel Linear(double perItem, double fixedOps = 10) =>
        Interface(new[] { Size("n") }, Otherwise(Alu(fixedOps, Expr.One), Alu(perItem, S("n"))));
}
