using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Model;

namespace Pix.Generator;

public sealed partial class PerformanceInterfaceGenerator
{
    internal static partial class Emitter
    {
        /// <summary>
        /// How a companion's body turns the terms the <see cref="CostLayout"/> hands it into its result.
        /// Both companions share everything else — guards, block locals, the price of every term, the
        /// order of additions — so <c>ExplainLatencyOf_X</c> cannot drift from <c>LatencyOf_X</c>.
        /// </summary>
        private abstract class ResultWriter
        {
            /// <summary>True to write the pieces' sentences (once per file is enough: the latency companion has them).</summary>
            public abstract bool WritesComments { get; }

            /// <summary>Declares the local <paramref name="local"/> holding the terms every piece starts from.</summary>
            public abstract void WriteCommon(SourceWriter writer, string local, IReadOnlyList<Term> terms, CostLayout layout, ExpressionWriter names);

            /// <summary>Returns the result of a piece (<paramref name="piece"/> says when it applies) from the common local and <paramref name="own"/>.</summary>
            public abstract void WriteReturn(SourceWriter writer, string piece, IReadOnlyList<Term> own, CostLayout layout, ExpressionWriter names);
        }

        /// <summary><c>LatencyOf_X</c>: <c>new Latency(common + term + term)</c>, one term per line.</summary>
        private sealed class LatencySum : ResultWriter
        {
            public override bool WritesComments => true;

            public override void WriteCommon(SourceWriter writer, string local, IReadOnlyList<Term> terms, CostLayout layout, ExpressionWriter names)
            {
                writer.WriteLine($"double {local} =");
                using (writer.Indent())
                {
                    EmitSum(writer, start: null, terms, layout, names, ";");
                }
            }

            public override void WriteReturn(SourceWriter writer, string piece, IReadOnlyList<Term> own, CostLayout layout, ExpressionWriter names)
            {
                if (own.Count == 0)
                {
                    writer.WriteLine(layout.CommonLocal is { } common ? $"return new {LatencyType}({common});" : $"return {LatencyType}.Zero;");
                    return;
                }

                writer.WriteLine($"return new {LatencyType}(");
                using (writer.Indent())
                {
                    EmitSum(writer, layout.CommonLocal, own, layout, names, ");");
                }
            }

            /// <summary>
            /// <paramref name="start"/> (if any) plus each term's price, one per line (its block's table entry
            /// says what it prices), added left to right as <see cref="ModelEvaluator"/> adds them.
            /// </summary>
            private static void EmitSum(SourceWriter writer, string? start, IReadOnlyList<Term> terms, CostLayout layout, ExpressionWriter names, string end)
            {
                if (start is not null)
                {
                    writer.WriteLine(start);
                }

                for (int i = 0; i < terms.Count; i++)
                {
                    Term term = terms[i];
                    string price = names.Price(term, layout.BlockLocal(term.Block));
                    writer.WriteContinuedLines((i > 0 || start is not null ? "+ " : "") + price + (i == terms.Count - 1 ? end : ""));
                }
            }
        }

        /// <summary>
        /// <c>ExplainLatencyOf_X</c>: <c>new LatencyBreakdown(method, piece, common, new LatencyTerm(…), …)</c>.
        /// A term is its description, its count and one execution's price, written as <c>LatencyOf_X</c>
        /// writes them; <c>LatencyTerm</c> multiplies the two (the one multiplication <c>LatencyOf_X</c> makes)
        /// and <c>LatencyBreakdown</c> adds the terms common first, left to right, as <c>LatencyOf_X</c> does:
        /// the total is the same double.
        /// </summary>
        private sealed class BreakdownList : ResultWriter
        {
            private const string TermType = "global::Pix.LatencyTerm";
            private readonly InterfaceModel _model;

            public BreakdownList(InterfaceModel model) => _model = model;

            public override bool WritesComments => false;

            public override void WriteCommon(SourceWriter writer, string local, IReadOnlyList<Term> terms, CostLayout layout, ExpressionWriter names)
            {
                writer.WriteLine($"{TermType}[] {local} =");
                writer.WriteLine("{");
                using (writer.Indent())
                {
                    foreach (Term term in terms)
                    {
                        writer.WriteContinuedLines(TermText(term, layout, names) + ",");
                    }
                }

                writer.WriteLine("};");
            }

            public override void WriteReturn(SourceWriter writer, string piece, IReadOnlyList<Term> own, CostLayout layout, ExpressionWriter names)
            {
                string head = $"return new {BreakdownType}({Literal(_model.MethodName)}, {Literal(piece)}"
                    + (layout.CommonLocal is { } common ? ", " + common : "");
                if (own.Count == 0)
                {
                    writer.WriteLine(head + ");");
                    return;
                }

                writer.WriteLine(head + ",");
                using (writer.Indent())
                {
                    for (int i = 0; i < own.Count; i++)
                    {
                        writer.WriteContinuedLines(TermText(own[i], layout, names) + (i == own.Count - 1 ? ");" : ","));
                    }
                }
            }

            /// <summary><c>new LatencyTerm("loop … (for loop at line 14)", count, price, ("n", (double)n))</c>.</summary>
            private static string TermText(Term term, CostLayout layout, ExpressionWriter names)
            {
                string description = Describer.OneLine(term.Description) + " (" + Describer.OneLine(term.Origin.ToString()) + ")";
                string price = layout.BlockLocal(term.Block) ?? names.BlockPriceText(term.Block);
                IEnumerable<string> quantities = term.Count.Symbols()
                    .Select(symbol => $"({Literal(names.DisplayName(symbol))}, {names.Expression(Expr.Symbol(symbol))})");
                string arguments = string.Join(", ", new[] { Literal(description), names.Expression(term.Count), price }.Concat(quantities));
                return $"new {TermType}({arguments})";
            }

            private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);
        }
    }
}
