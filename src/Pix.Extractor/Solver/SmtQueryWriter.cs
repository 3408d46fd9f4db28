using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Pix.Model;

namespace Pix.Solver;

/// <summary>
/// Writes a <see cref="SolverQuestion"/> as an SMT-LIB2 script (see <see cref="SmtModelEncoder"/> for
/// the encoding of models). The script is self-contained and commented, so a dumped query can be
/// read and replayed with <c>z3 query.smt2</c>.
/// </summary>
internal static class SmtQueryWriter
{
    /// <summary>Writes the script for <paramref name="question"/> with a <c>timeout</c> of <paramref name="timeout"/>.</summary>
    public static SmtQuery Write(SolverQuestion question, TimeSpan timeout)
    {
        var symbols = new SmtSymbols();
        var encoder = new SmtModelEncoder(symbols);
        var text = new StringBuilder();
        text.AppendLine("; Pix solver query (replay: z3 this-file.smt2)");
        text.Append("; question: ").AppendLine(SmtModelEncoder.Comment(Describe(question)));
        text.Append("; profile: ").AppendLine(SmtModelEncoder.Comment(question.Profile.Name));
        text.Append("(set-option :timeout ").Append(((long)Math.Max(1, timeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture)).AppendLine(")");
        SmtModelEncoder.WritePrelude(text);

        IReadOnlyList<Quantity> quantities = question.Quantities();
        var declared = new List<(string Name, QuantityKind Kind)>();
        foreach (Quantity q in quantities)
        {
            Declare(q.Name, q.Kind, q.Description);
        }

        if (question is ConstantTimeQuestion ct)
        {
            foreach (string secret in ct.Secrets)
            {
                Quantity? q = quantities.FirstOrDefault(x => x.Name == secret);
                Declare(secret + ConstantTimeQuestion.SecondCopy, q?.Kind ?? QuantityKind.Size, "second input's " + secret);
            }
        }

        // PCV bounds: the extractor's upper bound over the other quantities, from each copy of the input.
        foreach (Quantity q in quantities.Where(q => q.Bound is not null))
        {
            text.Append("(assert (<= ").Append(encoder.Term(Expr.Symbol(q.Name))).Append(' ').Append(encoder.Term(q.Bound!)).AppendLine("))");
            if (question is ConstantTimeQuestion secrets)
            {
                encoder.Rename = SecondCopy(secrets);
                text.Append("(assert (<= ").Append(encoder.Term(Expr.Symbol(q.Name))).Append(' ').Append(encoder.Term(q.Bound!)).AppendLine("))");
                encoder.Rename = null;
            }
        }

        WriteQuestion(question, encoder, text);

        if (question.InputSizeLimit is { } limit)
        {
            text.AppendLine("; witness minimisation: the input's size (sum of |quantity|) at most this");
            string sizes = declared.Count == 0 ? "0.0" : "(+ 0.0 " + string.Join(" ", declared.Select(d => Abs(encoder.Term(Expr.Symbol(d.Name))))) + ")";
            text.Append("(assert (<= ").Append(sizes).Append(' ').Append(SmtNumbers.Real(Math.Floor(limit))).AppendLine("))");
        }

        text.AppendLine("(check-sat)");
        if (declared.Count > 0)
        {
            text.Append("(get-value (").Append(string.Join(" ", declared.Select(d => symbols.Of(d.Name)))).AppendLine("))");
        }

        return new SmtQuery(text.ToString(), symbols);

        void Declare(string name, QuantityKind kind, string description)
        {
            string symbol = symbols.Of(name);
            declared.Add((name, kind));
            text.Append("(declare-const ").Append(symbol).Append(" Int) ; ").Append(kind.ToString().ToLowerInvariant()).Append(": ")
                .AppendLine(SmtModelEncoder.Comment(symbols.IsRenamed(name) ? name + " — " + description : description));
            // Only the bounds that matter to the semantics: sizes are non-negative, flags 0/1. No 2^31
            // upper bound: Z3 4.8.12 can hang on nonlinear constraints over such wide finite ranges,
            // ignoring its timeout; the evaluator rejects a witness beyond the domain instead.
            if (QuantityDomain.Minimum(kind) >= 0)
            {
                text.Append("(assert (<= 0 ").Append(symbol).AppendLine(kind == QuantityKind.Flag ? " 1))" : "))");
            }

            // The user's bound ([InputBound]): small and finite, so it does not widen Z3's search as 2^31 would.
            double max = question.MaximumOf(name, kind);
            if (max < QuantityDomain.Maximum(kind))
            {
                text.Append("(assert (<= ").Append(symbol).Append(' ').Append(SmtNumbers.Int(max)).AppendLine(")) ; bound given by the user");
            }
        }
    }

    private static void WriteQuestion(SolverQuestion question, SmtModelEncoder encoder, StringBuilder text)
    {
        HardwareProfile hw = question.Profile;
        switch (question)
        {
            case RegressionQuestion r:
                text.Append("(define-fun baseline.cost () Real\n  ").Append(encoder.Cost(r.Baseline, hw)).AppendLine(")");
                text.Append("(define-fun current.cost () Real\n  ").Append(encoder.Cost(r.Current, hw)).AppendLine(")");
                text.Append("(assert (> current.cost (* ").Append(SmtNumbers.Real(1 + r.Tolerance)).AppendLine(" baseline.cost)))");
                text.Append("(assert (>= (- current.cost baseline.cost) ").Append(SmtNumbers.Real(r.MinimumDifferenceNs)).AppendLine("))");
                break;

            case BudgetQuestion { PieceIndex: { } index } b:
                text.Append("; input class: piece ").Append(index + 1).Append(" (").Append(SmtModelEncoder.Comment(b.Model.Pieces[index].When.ToString())).AppendLine(")");
                text.Append("(assert ").Append(encoder.Selects(b.Model, index)).AppendLine(")");
                text.Append("(define-fun cost () Real\n  ").Append(encoder.PieceCost(b.Model.Pieces[index], hw)).AppendLine(")");
                text.Append("(assert (> cost ").Append(SmtNumbers.Real(b.BudgetNs)).AppendLine("))");
                break;

            case BudgetQuestion b:
                text.Append("(define-fun cost () Real\n  ").Append(encoder.Cost(b.Model, hw)).AppendLine(")");
                text.Append("(assert (> cost ").Append(SmtNumbers.Real(b.BudgetNs)).AppendLine("))");
                break;

            case ConstantTimeQuestion c:
                text.Append("(define-fun first.cost () Real\n  ").Append(encoder.Cost(c.Model, hw)).AppendLine(")");
                encoder.Rename = SecondCopy(c);
                text.Append("(define-fun second.cost () Real\n  ").Append(encoder.Cost(c.Model, hw)).AppendLine(")");
                encoder.Rename = null;
                text.Append("(assert (or (> (- first.cost second.cost) ").Append(SmtNumbers.Real(c.ToleranceNs))
                    .Append(") (> (- second.cost first.cost) ").Append(SmtNumbers.Real(c.ToleranceNs)).AppendLine(")))");
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(question), question.GetType().Name, "Unknown question kind.");
        }
    }

    private static Func<string, string?> SecondCopy(ConstantTimeQuestion question)
    {
        var secrets = new HashSet<string>(question.Secrets, StringComparer.Ordinal);
        return name => secrets.Contains(name) ? name + ConstantTimeQuestion.SecondCopy : null;
    }

    private static string Abs(string term) => "(ite (< " + term + " 0.0) (- " + term + ") " + term + ")";

    /// <summary>One line saying what the question asks, for the query's header and reports.</summary>
    public static string Describe(SolverQuestion question) => question switch
    {
        RegressionQuestion r => $"regression: current {r.Current.MethodId} > (1 + {r.Tolerance.ToString(CultureInfo.InvariantCulture)}) x baseline",
        BudgetQuestion b => $"budget: {b.Model.MethodId} > {b.BudgetNs.ToString(CultureInfo.InvariantCulture)} ns",
        ConstantTimeQuestion c => $"constant time: {c.Model.MethodId} depends on {string.Join(", ", c.Secrets)}",
        _ => question.GetType().Name,
    };
}
