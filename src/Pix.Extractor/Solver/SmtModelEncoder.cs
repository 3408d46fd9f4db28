using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Pix.Model;

namespace Pix.Solver;

/// <summary>
/// Turns the parts of an <see cref="InterfaceModel"/> into SMT-LIB2 terms. Quantities are
/// <c>Int</c> constants; every expression is a <c>Real</c> term (model constants can be fractional,
/// e.g. <c>0.5 * n * (n - 1)</c>); a guard is a <c>Bool</c> term; a model's cost is an
/// <c>ite</c> chain over its ordered pieces, each piece the sum of its terms' counts times their
/// block prices, priced beforehand on the question's profile.
/// </summary>
/// <remarks>
/// Encodings (each one exact for the domain Pix uses, so Z3's answers mean what the evaluator means):
/// <list type="bullet">
/// <item><c>max</c>/<c>min</c>: <c>ite</c>.</item>
/// <item>Integer division: <c>pix.floordiv</c>/<c>pix.ceildiv</c>, defined with <c>to_int</c>
/// (SMT-LIB's floor) on the real quotient; division by zero gives 0, as in the evaluator.</item>
/// <item><c>log2</c>: <c>pix.log2</c>, a bounded exact encoding: an <c>ite</c> ladder over the powers
/// of two up to 2^64, giving ⌊log2 x⌋ + 1 for 1 ≤ x &lt; 2^64 and 0 below 1. Every quantity is at most
/// 2^31, so only products of several quantities can pass 2^64; there the ladder caps at 65, an
/// under-approximation documented in docs/regression.md. No uninterpreted function, so no spurious
/// models and no monotonicity axioms to trust.</item>
/// </list>
/// </remarks>
internal sealed class SmtModelEncoder
{
    private const int Log2Ladder = 64;

    private readonly SmtSymbols _symbols;

    public SmtModelEncoder(SmtSymbols symbols) => _symbols = symbols;

    /// <summary>Renames a symbol while encoding (the constant-time question's second input); null keeps it.</summary>
    public Func<string, string?>? Rename { get; set; }

    /// <summary>The helper functions every query may use (<c>pix.log2</c>, <c>pix.floordiv</c>, <c>pix.ceildiv</c>).</summary>
    public static void WritePrelude(StringBuilder text)
    {
        text.AppendLine("; ⌊log2 x⌋ + 1 for x ≥ 1, else 0 (exact up to 2^64; see SmtModelEncoder)");
        text.Append("(define-fun pix.log2 ((x Real)) Real");
        var ladder = new StringBuilder();
        ladder.Append(" (ite (< x 1.0) 0.0");
        for (int k = 1; k <= Log2Ladder; k++)
        {
            ladder.Append(" (ite (< x ").Append(SmtNumbers.Real(Math.Pow(2, k))).Append(") ")
                .Append(SmtNumbers.Real(k)).Append(' ');
        }

        ladder.Append(SmtNumbers.Real(Log2Ladder + 1)).Append(')', Log2Ladder + 1);
        text.Append(ladder).AppendLine(")");
        text.AppendLine("; integer division of the model: by zero gives 0");
        text.AppendLine("(define-fun pix.floordiv ((a Real) (b Real)) Real (ite (= b 0.0) 0.0 (to_real (to_int (/ a b)))))");
        text.AppendLine("(define-fun pix.ceildiv ((a Real) (b Real)) Real (ite (= b 0.0) 0.0 (- (to_real (to_int (- (/ a b)))))))");
    }

    /// <summary>The Real term of <paramref name="expr"/>.</summary>
    public string Term(Expr expr) => expr switch
    {
        ConstExpr c => SmtNumbers.Real(c.Value),
        SymbolExpr s => "(to_real " + _symbols.Of(Rename?.Invoke(s.Name) ?? s.Name) + ")",
        SumExpr s => "(+ " + string.Join(" ", s.Terms.Select(Term)) + ")",
        ProductExpr p => "(* " + string.Join(" ", p.Factors.Select(Term)) + ")",
        MaxExpr m => IfThenElse(">=", m.Left, m.Right),
        MinExpr m => IfThenElse("<=", m.Left, m.Right),
        DivideExpr d => "(" + (d.Ceiling ? "pix.ceildiv " : "pix.floordiv ") + Term(d.Numerator) + " " + Term(d.Denominator) + ")",
        Log2Expr l => "(pix.log2 " + Term(l.Argument) + ")",
        _ => throw new ArgumentOutOfRangeException(nameof(expr), expr.GetType().Name, "Unknown expression kind."),
    };

    /// <summary>The Bool term of <paramref name="guard"/>.</summary>
    public string Predicate(Guard guard) => guard switch
    {
        TrueGuard => "true",
        NotGuard n => "(not " + Predicate(n.Operand) + ")",
        AndGuard a => "(and " + Predicate(a.Left) + " " + Predicate(a.Right) + ")",
        OrGuard o => "(or " + Predicate(o.Left) + " " + Predicate(o.Right) + ")",
        CompareGuard c => c.Op == Comparison.NotEqual
            ? "(not (= " + Term(c.Left) + " " + Term(c.Right) + "))"
            : "(" + Operator(c.Op) + " " + Term(c.Left) + " " + Term(c.Right) + ")",
        _ => throw new ArgumentOutOfRangeException(nameof(guard), guard.GetType().Name, "Unknown guard kind."),
    };

    /// <summary>
    /// The cost of <paramref name="model"/> in nanoseconds on <paramref name="hw"/>: the first piece
    /// whose guard holds, as an <c>ite</c> chain (the last piece is the "otherwise").
    /// </summary>
    public string Cost(InterfaceModel model, HardwareProfile hw)
    {
        if (model.Pieces.IsEmpty)
        {
            return "0.0";
        }

        var text = new StringBuilder();
        int open = 0;
        for (int i = 0; i < model.Pieces.Count - 1; i++)
        {
            Piece piece = model.Pieces[i];
            if (piece.When is TrueGuard)
            {
                return Close(text.Append(PieceCost(piece, hw)), open);
            }

            text.Append("(ite ").Append(Predicate(piece.When)).Append("\n    ").Append(PieceCost(piece, hw)).Append("\n    ");
            open++;
        }

        return Close(text.Append(PieceCost(model.Pieces[model.Pieces.Count - 1], hw)), open);

        static string Close(StringBuilder t, int n) => t.Append(')', n).ToString();
    }

    /// <summary>The Bool term "the input selects piece <paramref name="index"/>": its guard holds and no earlier one does.</summary>
    public string Selects(InterfaceModel model, int index)
    {
        var conjuncts = new List<string>();
        for (int i = 0; i < index; i++)
        {
            conjuncts.Add("(not " + Predicate(model.Pieces[i].When) + ")");
        }

        conjuncts.Add(Predicate(model.Pieces[index].When));
        return conjuncts.Count == 1 ? conjuncts[0] : "(and " + string.Join(" ", conjuncts) + ")";
    }

    /// <summary>The cost of one piece in nanoseconds on <paramref name="hw"/> (its guard not checked).</summary>
    public string PieceCost(Piece piece, HardwareProfile hw)
    {
        var terms = new List<string>();
        foreach (Term term in piece.Terms)
        {
            double price = term.Block.Price(hw);
            if (price != 0)
            {
                terms.Add("(* " + SmtNumbers.Real(price) + " " + Term(term.Count) + ")");
            }
        }

        return terms.Count switch
        {
            0 => "0.0",
            1 => terms[0],
            _ => "(+ " + string.Join(" ", terms) + ")",
        };
    }

    private string IfThenElse(string op, Expr left, Expr right)
    {
        string l = Term(left);
        string r = Term(right);
        return "(ite (" + op + " " + l + " " + r + ") " + l + " " + r + ")";
    }

    private static string Operator(Comparison op) => op switch
    {
        Comparison.Less => "<",
        Comparison.LessOrEqual => "<=",
        Comparison.Greater => ">",
        Comparison.GreaterOrEqual => ">=",
        Comparison.Equal => "=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>A comment-safe one-line form of <paramref name="text"/>.</summary>
    public static string Comment(string text) =>
        text.Replace("\r", " ").Replace("\n", " ");
}
