using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Pix.Model;
using Pix.Solver;

namespace Pix.ConstantTime.Balance;

/// <summary>
/// "Is there an input where the two arms' counts differ in some dimension?", asked as the solver's
/// existing <see cref="ConstantTimeQuestion"/>: one model whose secret flag <c>arm</c> picks the arm
/// and whose public selector <c>dimension</c> picks which count is priced. Two inputs that differ
/// only in <c>arm</c> and cost differently are exactly an input and a dimension where the arms differ.
/// </summary>
/// <remarks>
/// Each dimension's count is priced as that many <see cref="OperationClass.IntegerAlu"/> operations
/// (a positive price), so a cost difference is a count difference. Z3's unsat proves the arms equal
/// over the whole domain; a model is checked by the evaluator before it counts as a difference; the
/// fallback engine (no libz3) proves nothing here (its proof step needs the secret unread) and only
/// searches, so without Z3 a branch with guarded arms stays reported.
/// </remarks>
internal static class ArmSolverQuestion
{
    /// <summary>The secret flag: 1 selects the true arm, 0 the false arm.</summary>
    public const string ArmQuantity = "pix_arm";

    /// <summary>The public selector of the dimension whose count is priced.</summary>
    public const string DimensionQuantity = "pix_dimension";

    private static readonly BlockSummary Unit = BlockSummary.Create(new[] { new OperationCount(OperationClass.IntegerAlu, 1) });
    private static readonly Provenance Nowhere = new(string.Empty, 0, 0, 0, 0, "arm comparison");

    /// <summary>Asks <paramref name="solver"/>; <paramref name="quantities"/> are the method's (their kinds set the domain).</summary>
    public static ArmBalance Ask(
        ArmCost whenTrue,
        ArmCost whenFalse,
        IReadOnlyDictionary<string, Quantity> quantities,
        SolverEngine solver,
        CancellationToken cancellationToken)
    {
        string[] dimensions = whenTrue.Pieces.Concat(whenFalse.Pieces)
            .SelectMany(p => p.Counts.Keys)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(d => d, StringComparer.Ordinal)
            .ToArray();
        InterfaceModel model = Build(whenTrue, whenFalse, dimensions, quantities);
        var question = new ConstantTimeQuestion(model, new[] { ArmQuantity }.ToEquatableArray(), HardwareProfile.Reference);
        SolverAnswer answer = solver.Check(question, cancellationToken);
        switch (answer.Verdict)
        {
            case SolverVerdict.Impossible:
                return ArmBalance.Balanced($"{answer.Engine} proved the arms' counts equal for every input");
            case SolverVerdict.Found:
                int index = (int)answer.Witness[DimensionQuantity];
                string inputs = string.Join(", ", answer.Witness
                    .Where(w => w.Key is not (ArmQuantity or DimensionQuantity) && !w.Key.EndsWith(ConstantTimeQuestion.SecondCopy, StringComparison.Ordinal))
                    .OrderBy(w => w.Key, StringComparer.Ordinal)
                    .Select(w => w.Key + " = " + w.Value.ToString("R", CultureInfo.InvariantCulture)));
                return ArmBalance.Unbalanced($"the arms differ in {dimensions[index]} when {(inputs.Length == 0 ? "any input" : inputs)} ({answer.Engine})");
            default:
                return ArmBalance.Unbalanced($"equal cost of the arms could not be proved ({answer.Engine}: {answer.Detail})");
        }
    }

    private static InterfaceModel Build(ArmCost whenTrue, ArmCost whenFalse, string[] dimensions, IReadOnlyDictionary<string, Quantity> declared)
    {
        var pieces = new List<Piece>();
        for (int d = 0; d < dimensions.Length; d++)
        {
            Guard dimension = Guard.Compare(Expr.Symbol(DimensionQuantity), Comparison.Equal, Expr.Const(d));
            foreach (var (arm, flag) in new[] { (whenTrue, 1), (whenFalse, 0) })
            {
                Guard selected = Guard.And(dimension, Guard.Compare(Expr.Symbol(ArmQuantity), Comparison.Equal, Expr.Const(flag)));
                foreach (ArmPiece piece in arm.Pieces)
                {
                    Expr count = piece.CountOf(dimensions[d]).ToExpr();
                    var terms = count is ConstExpr { Value: 0 }
                        ? new EquatableArray<Term>()
                        : new[] { new Term(Unit, count, Nowhere, dimensions[d]) }.ToEquatableArray();
                    pieces.Add(new Piece(Guard.And(selected, piece.When), terms));
                }
            }
        }

        pieces.Add(new Piece(Guard.Always, default));
        var quantities = new List<Quantity>
        {
            new(ArmQuantity, QuantityKind.Flag, null, "which arm runs (1: true)"),
            new(DimensionQuantity, QuantityKind.Value, null, "which count is compared"),
        };

        // The method's quantities keep their kinds (a parameter's value may be negative). Anything
        // else an arm reads (the counter of a loop around the branch) ranges over every integer:
        // equality is then proved for more values than occur, never fewer.
        foreach (string symbol in whenTrue.Pieces.Concat(whenFalse.Pieces).SelectMany(p => p.Symbols()).Distinct(StringComparer.Ordinal))
        {
            quantities.Add(declared.TryGetValue(symbol, out Quantity? q)
                ? q
                : new Quantity(symbol, QuantityKind.Value, null, "a variable of the code around the branch"));
        }

        return new InterfaceModel("arms", "arms", quantities.ToEquatableArray(), pieces.ToEquatableArray(), default, 0, Nowhere);
    }
}
