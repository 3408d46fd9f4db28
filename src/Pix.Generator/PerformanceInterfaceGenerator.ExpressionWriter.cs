using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Model;

namespace Pix.Generator;

public sealed partial class PerformanceInterfaceGenerator
{
    /// <summary>
    /// Turns the model's expressions, guards and term prices into C# that computes exactly what
    /// <see cref="ModelEvaluator"/> computes, in doubles, in the same order of operations (so results
    /// agree to the last bit), with as few parentheses as precedence allows. Blocks are priced by the
    /// runtime (<see cref="HardwareProfile.Price(BlockCounts)"/>) from the file's <see cref="BlockTable"/>.
    /// </summary>
    internal sealed class ExpressionWriter
    {
        private const string MathType = "global::System.Math";

        private readonly InterfaceModel _model;
        private readonly string _profile;
        private readonly IReadOnlyDictionary<BlockSummary, string> _blockFields;
        private readonly Dictionary<string, string> _pcvParameters = new(StringComparer.Ordinal);

        /// <param name="model">The interface.</param>
        /// <param name="profileParameter">The name of the companion's profile parameter.</param>
        /// <param name="parameterNames">The companion's other parameters (the method's own): PCVs must not reuse them.</param>
        /// <param name="blockFields">The <see cref="BlockTable"/> field of each of the model's non-empty blocks.</param>
        public ExpressionWriter(InterfaceModel model, string profileParameter, IEnumerable<string> parameterNames, IReadOnlyDictionary<BlockSummary, string> blockFields)
        {
            _model = model;
            _profile = profileParameter;
            _blockFields = blockFields;
            var taken = new HashSet<string>(parameterNames, StringComparer.Ordinal) { profileParameter };
            foreach (Quantity pcv in model.Pcvs)
            {
                string name = SyntaxFacts.GetKeywordKind(pcv.Name) == SyntaxKind.None ? pcv.Name : "@" + pcv.Name;
                while (!taken.Add(name))
                {
                    name += "Pcv";
                }

                _pcvParameters[pcv.Name] = name;
            }
        }

        /// <summary>Operator precedence of an emitted expression: which operands need parentheses.</summary>
        internal enum Precedence
        {
            Coalesce,
            Additive,
            Multiplicative,
            Primary,
        }

        public bool UsesDivideCeiling { get; private set; }

        public bool UsesDivideFloor { get; private set; }

        public bool UsesBitLength { get; private set; }

        /// <summary>The companion's parameter for the PCV called <paramref name="name"/>.</summary>
        public string PcvParameter(string name) => _pcvParameters[name];

        /// <summary>What a breakdown calls the quantity <paramref name="name"/>: a PCV's parameter, an input's C# (<c>packet.Length</c>).</summary>
        public string DisplayName(string name) => _pcvParameters.TryGetValue(name, out string? parameter) ? parameter.TrimStart('@') : name;

        /// <summary>A guard as a C# boolean expression.</summary>
        public string Guard(Guard guard) => guard switch
        {
            TrueGuard => "true",
            CompareGuard c => $"{Expression(c.Left, Precedence.Additive)} {c.OperatorToken} {Expression(c.Right, Precedence.Additive)}",
            NotGuard n => $"!({Guard(n.Operand)})",
            AndGuard a => $"{GuardOperand(a.Left, parenthesize: a.Left is OrGuard)} && {GuardOperand(a.Right, parenthesize: a.Right is OrGuard)}",
            OrGuard o => $"{GuardOperand(o.Left, parenthesize: o.Left is AndGuard)} || {GuardOperand(o.Right, parenthesize: o.Right is AndGuard)}",
            _ => throw new ArgumentOutOfRangeException(nameof(guard), guard.GetType().Name, "Unknown guard kind."),
        };

        // C# binds && tighter than ||; the parentheses are for the reader.
        private string GuardOperand(Guard guard, bool parenthesize) =>
            parenthesize ? "(" + Guard(guard) + ")" : Guard(guard);

        /// <summary>
        /// A term's latency: <c>count * hw.Price(__PixBlocks.X)</c>, as <see cref="ModelEvaluator"/> computes it
        /// (<c>count · price</c>, with the price from the same runtime cost model, <see cref="HardwareProfile.Price(BlockCounts)"/>).
        /// </summary>
        /// <param name="term">The term.</param>
        /// <param name="blockLocal">The local that already holds the block's price, or null to price it here.</param>
        public string Price(Term term, string? blockLocal)
        {
            string block = blockLocal ?? BlockPriceText(term.Block);
            return term.Count is ConstExpr { Value: 1 } ? block : Expression(term.Count, Precedence.Multiplicative) + " * " + block;
        }

        /// <summary>
        /// One execution of <paramref name="block"/>: <c>hw.Price(__PixBlocks.X)</c>, the block's entry in the
        /// file's <see cref="BlockTable"/> priced on the profile; <c>0</c> for a block that counts nothing.
        /// </summary>
        public string BlockPriceText(BlockSummary block) =>
            block.IsEmpty ? "0" : $"{_profile}.Price({_blockFields[block]})";

        /// <summary>An expression as C#, parenthesized if its precedence is below <paramref name="context"/>.</summary>
        public string Expression(Expr expr, Precedence context = Precedence.Coalesce)
        {
            (string text, Precedence precedence) = Write(expr);
            return precedence < context ? "(" + text + ")" : text;
        }

        private (string Text, Precedence Precedence) Write(Expr expr)
        {
            switch (expr)
            {
                case ConstExpr c:
                    return (Literal(c.Value), c.Value < 0 ? Precedence.Multiplicative : Precedence.Primary);
                case SymbolExpr s:
                    return Symbol(s.Name);
                case SumExpr sum:
                {
                    var text = new StringBuilder(Expression(sum.Terms[0], Precedence.Additive));
                    for (int i = 1; i < sum.Terms.Count; i++)
                    {
                        // a - 2 * b reads better than a + -2 * b and is the same IEEE operation.
                        Expr term = sum.Terms[i];
                        if (Negated(term) is { } positive)
                        {
                            text.Append(" - ").Append(Expression(positive, Precedence.Multiplicative));
                        }
                        else
                        {
                            text.Append(" + ").Append(Expression(term, Precedence.Multiplicative));
                        }
                    }

                    return (text.ToString(), Precedence.Additive);
                }

                case ProductExpr product:
                {
                    var text = new StringBuilder(Expression(product.Factors[0], Precedence.Multiplicative));
                    for (int i = 1; i < product.Factors.Count; i++)
                    {
                        text.Append(" * ").Append(Expression(product.Factors[i], Precedence.Primary));
                    }

                    return (text.ToString(), Precedence.Multiplicative);
                }

                case MaxExpr max:
                    return ($"{MathType}.Max({Expression(max.Left)}, {Expression(max.Right)})", Precedence.Primary);
                case MinExpr min:
                    return ($"{MathType}.Min({Expression(min.Left)}, {Expression(min.Right)})", Precedence.Primary);
                case DivideExpr divide:
                    if (divide.Ceiling)
                    {
                        UsesDivideCeiling = true;
                    }
                    else
                    {
                        UsesDivideFloor = true;
                    }

                    return ($"{(divide.Ceiling ? "DivideCeiling" : "DivideFloor")}({Expression(divide.Numerator)}, {Expression(divide.Denominator)})", Precedence.Primary);
                case Log2Expr log2:
                    UsesBitLength = true;
                    return ($"BitLength({Expression(log2.Argument)})", Precedence.Primary);
                default:
                    throw new ArgumentOutOfRangeException(nameof(expr), expr.GetType().Name, "Unknown expression kind.");
            }
        }

        /// <summary>For <c>-c</c> or <c>-c * x</c> (c &gt; 0), the positive expression; otherwise null.</summary>
        private static Expr? Negated(Expr term) => term switch
        {
            ConstExpr { Value: < 0 } c => new ConstExpr(-c.Value),
            ProductExpr p when p.Factors[0] is ConstExpr { Value: < 0 } c =>
                p.Factors.Count == 2 && c.Value == -1 ? p.Factors[1]
                : new ProductExpr(p.Factors.Select((f, i) => i == 0 ? new ConstExpr(-c.Value) : f).ToEquatableArray()),
            _ => null,
        };

        private (string Text, Precedence Precedence) Symbol(string name)
        {
            // The parser only lets through models whose every symbol is a quantity (see ModelCheck).
            Quantity quantity = _model.FindQuantity(name)
                ?? throw new InvalidOperationException($"The interface of {_model.MethodName} reads '{name}', which is not one of its quantities.");

            if (quantity.IsPcv)
            {
                string parameter = _pcvParameters[name];
                return quantity.Bound is { } bound
                    ? ($"({parameter} ?? {Expression(bound, Precedence.Coalesce)})", Precedence.Primary)
                    : (parameter, Precedence.Primary);
            }

            string expression = ModelCheck.InputExpression(quantity) ?? name;
            return (IsSimple(expression) || IsParenthesized(expression) ? "(double)" + expression : "(double)(" + expression + ")", Precedence.Primary);
        }

        /// <summary>True for <c>n</c>, <c>data.Length</c>, <c>this._count</c>: a cast binds to all of it.</summary>
        private static bool IsSimple(string expression) =>
            expression.Length > 0
            && !char.IsDigit(expression[0])
            && expression.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '.' || c == '@');

        /// <summary>True for <c>(flag ? 1 : 0)</c>: one pair of parentheses around the whole expression.</summary>
        private static bool IsParenthesized(string expression)
        {
            if (expression.Length < 2 || expression[0] != '(' || expression[expression.Length - 1] != ')')
            {
                return false;
            }

            int depth = 0;
            for (int i = 0; i < expression.Length; i++)
            {
                depth += expression[i] == '(' ? 1 : expression[i] == ')' ? -1 : 0;
                if (depth == 0 && i < expression.Length - 1)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A double literal in invariant round-trip form (<c>0.1</c>, <c>1E+20</c>).</summary>
        public static string Literal(double value) =>
            double.IsNaN(value) ? "double.NaN"
            : double.IsPositiveInfinity(value) ? "double.PositiveInfinity"
            : double.IsNegativeInfinity(value) ? "double.NegativeInfinity"
            : value.ToString("R", CultureInfo.InvariantCulture);
    }
}
