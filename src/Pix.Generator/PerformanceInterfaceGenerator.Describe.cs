using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Pix.Model;

namespace Pix.Generator;

public sealed partial class PerformanceInterfaceGenerator
{
    /// <summary>
    /// The sentences that explain an interface: the formula of each piece on the reference profile (the
    /// companion's summary), when a piece applies, PCVs and gaps. What a term counts is not a sentence:
    /// the file's <see cref="BlockTable"/> writes it once, as the code that prices it.
    /// </summary>
    internal static class Describer
    {
        /// <summary>A PCV for people: <c>entries walked in the bucket (while loop at line 20); bound: data.Length (used when null)</c>.</summary>
        public static string Describe(Quantity pcv)
        {
            var text = new StringBuilder();
            text.Append(OneLine(pcv.Description));
            if (pcv.Origin is { } origin)
            {
                text.Append(" (").Append(OneLine(origin.ToString())).Append(')');
            }

            text.Append(pcv.Bound is { } bound ? "; bound: " + bound + " (used when null)" : "; no known bound (required)");
            return text.ToString();
        }

        /// <summary>
        /// A gap for people: <c>incomplete: call to Parse at line 20: priced as an opaque call</c>. Some constructs
        /// already end with their line (an unbounded loop's is <c>while loop at line 39</c>): the line is not repeated.
        /// </summary>
        public static string Describe(Gap gap)
        {
            string construct = OneLine(gap.Construct);
            string line = " at line " + gap.Where.Line.ToString(CultureInfo.InvariantCulture);
            return construct.EndsWith(line, System.StringComparison.Ordinal)
                ? $"incomplete: {construct}: {OneLine(gap.Reason)}"
                : $"incomplete: {construct}{line}: {OneLine(gap.Reason)}";
        }

        /// <summary>A piece's condition for people: <c>when data.Length == 0</c>, or <c>otherwise</c>.</summary>
        public static string Describe(Piece piece, bool isLast)
        {
            string when = piece.When is TrueGuard ? (isLast ? "otherwise" : "always") : "when " + piece.When;
            return piece.Origin == PieceOrigin.MergedByResolution
                ? when + " (paths merged by resolution: the costliest is kept)"
                : when;
        }

        /// <summary>
        /// The formula on the reference profile: <c>≈ 12 ns + 0.56 ns × data.Length</c>. Terms with the
        /// same count are added up (a constant factor of a count goes into its coefficient); the constant part comes first.
        /// </summary>
        public static string Formula(Piece piece)
        {
            var order = new List<string>();
            var nsByCount = new Dictionary<string, double>();
            double constant = 0;
            foreach (Term term in piece.Terms)
            {
                double price = term.Block.Price(HardwareProfile.Reference);
                if (term.Count is ConstExpr c)
                {
                    constant += c.Value * price;
                    continue;
                }

                // A constant factor (like terms grouped: 2 * values.Length) goes into the coefficient.
                (double factor, Expr rest) = term.Count is ProductExpr { Factors: [ConstExpr k, ..] } product
                    ? (k.Value, Expr.Multiply(product.Factors.Skip(1)))
                    : (1.0, term.Count);
                string count = rest is SumExpr ? "(" + rest + ")" : rest.ToString();
                if (!nsByCount.ContainsKey(count))
                {
                    order.Add(count);
                    nsByCount[count] = 0;
                }

                nsByCount[count] += factor * price;
            }

            var text = new StringBuilder("≈ ");
            if (constant != 0 || order.Count == 0)
            {
                text.Append(Nanoseconds(constant));
            }

            foreach (string count in order)
            {
                if (text.Length > 2)
                {
                    text.Append(" + ");
                }

                text.Append(Nanoseconds(nsByCount[count])).Append(" × ").Append(count);
            }

            return text.ToString();
        }

        /// <summary>A count for people: <c>3</c>, <c>0.5</c>.</summary>
        public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

        /// <summary>Nanoseconds with three significant digits: <c>12 ns</c>, <c>0.56 ns</c>, <c>1.23 µs</c>.</summary>
        public static string Nanoseconds(double ns) => new Latency(ns).ToString();

        /// <summary>Text from the model folded onto one line (it goes into <c>//</c> comments).</summary>
        public static string OneLine(string text) =>
            text.IndexOfAny(new[] { '\r', '\n' }) < 0 ? text : text.Replace("\r\n", " ").Replace('\r', ' ').Replace('\n', ' ');
    }
}
