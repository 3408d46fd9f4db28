using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Model;

namespace Pix.Generator;

public sealed partial class PerformanceInterfaceGenerator
{
    /// <summary>
    /// Whether a model can be emitted as C# that compiles and agrees with <see cref="ModelEvaluator"/>:
    /// the last piece is unguarded, every symbol is a declared quantity, inputs have an expression, and
    /// PCV names are identifiers. The extractor promises all of this; the generator checks rather than
    /// emit code that does not compile (and emits nothing otherwise: the generator reports nothing).
    /// </summary>
    internal static class ModelCheck
    {
        /// <summary>True when <paramref name="model"/> can be emitted.</summary>
        public static bool IsEmittable(InterfaceModel model)
        {
            if (model.Pieces.IsEmpty || model.Pieces[model.Pieces.Count - 1].When is not TrueGuard)
            {
                return false;
            }

            // Pix failed on this method (PIX0006 says so): no interface beats a wrong one.
            if (model.IsInternalError)
            {
                return false;
            }

            var names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (Quantity quantity in model.Quantities)
            {
                bool valid = quantity.IsPcv
                    ? SyntaxFacts.IsValidIdentifier(quantity.Name)
                    : InputExpression(quantity) is { } expression && IsExpression(expression);
                if (!valid || !names.Add(quantity.Name))
                {
                    return false;
                }
            }

            IEnumerable<Expr> expressions = model.Quantities.Where(q => q.Bound is not null).Select(q => q.Bound!)
                .Concat(model.Pieces.SelectMany(Expressions));
            return expressions.All(e => e.Symbols().All(names.Contains)) && !HasBoundCycle(model);
        }

        /// <summary>
        /// The C# of an input quantity: its <see cref="Quantity.Expression"/>, with keyword segments of a
        /// dotted path escaped (<c>for</c> → <c>@for</c>), or null when it has none.
        /// </summary>
        public static string? InputExpression(Quantity quantity)
        {
            string? expression = quantity.Expression;
            if (expression is null || string.IsNullOrWhiteSpace(expression) || !expression.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '.'))
            {
                return expression;
            }

            return string.Join(".", expression.Split('.').Select(segment =>
                segment != "this" && SyntaxFacts.GetKeywordKind(segment) != SyntaxKind.None ? "@" + segment : segment));
        }

        private static bool IsExpression(string text)
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax expression = SyntaxFactory.ParseExpression(text, consumeFullText: true);
            return !expression.ContainsDiagnostics;
        }

        /// <summary>Every expression a piece reads: its terms' counts and its guard's operands.</summary>
        public static IEnumerable<Expr> Expressions(Piece piece) =>
            piece.Terms.Select(t => t.Count).Concat(Pix.Solver.QuantityDomain.GuardExpressions(piece.When));

        /// <summary>A PCV whose bound reads itself, directly or through other PCVs, has no value.</summary>
        private static bool HasBoundCycle(InterfaceModel model)
        {
            var bounds = model.Pcvs.Where(p => p.Bound is not null)
                .ToDictionary(p => p.Name, p => p.Bound!.Symbols(), System.StringComparer.Ordinal);
            foreach (string start in bounds.Keys)
            {
                var seen = new HashSet<string>(System.StringComparer.Ordinal);
                var stack = new Stack<string>(bounds[start]);
                while (stack.Count > 0)
                {
                    string name = stack.Pop();
                    if (name == start)
                    {
                        return true;
                    }

                    if (seen.Add(name) && bounds.TryGetValue(name, out IReadOnlyList<string>? next))
                    {
                        foreach (string n in next)
                        {
                            stack.Push(n);
                        }
                    }
                }
            }

            return false;
        }
    }
}
