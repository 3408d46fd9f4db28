using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Pix.Model;

namespace Pix.Generator;

public sealed partial class PerformanceInterfaceGenerator
{
    /// <summary>
    /// The sentences that explain an interface, shared by the <c>/// &lt;remarks&gt;</c> tree and the
    /// <c>//</c> comments above each emitted term, so the two cannot drift (as the Regex generator's
    /// <c>DescribeNode</c> feeds both its remarks and its code comments).
    /// </summary>
    internal static class Describer
    {
        /// <summary>
        /// One term for people: <c>loop over data.Length (for loop at line 14): 3 loads, 2 ALU, 1 branch
        /// per iteration × data.Length; carried chain: 2 ALU</c>.
        /// </summary>
        public static string Describe(Term term)
        {
            bool repeated = term.Count is not ConstExpr { Value: 1 };
            var text = new StringBuilder();
            text.Append(OneLine(term.Description)).Append(" (").Append(OneLine(term.Origin.ToString())).Append("): ");
            text.Append(term.Block.Operations.IsEmpty && term.Block.Opaque.IsEmpty ? "no operations" : DescribeCounts(term.Block.Operations));
            foreach (OpaqueCall call in term.Block.Opaque)
            {
                text.Append(term.Block.Operations.IsEmpty && call.Equals(term.Block.Opaque[0]) ? "" : ", ")
                    .Append(Number(call.Count)).Append(" × opaque ").Append(OneLine(call.Name));
            }

            if (repeated)
            {
                text.Append(" per iteration × ").Append(term.Count);
            }

            if (!term.Block.Chain.IsEmpty)
            {
                text.Append("; carried chain: ").Append(DescribeCounts(term.Block.Chain));
            }

            return text.ToString();
        }

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

        /// <summary>A gap for people: <c>incomplete: call to Parse at line 20: priced as an opaque call</c>.</summary>
        public static string Describe(Gap gap) =>
            $"incomplete: {OneLine(gap.Construct)} at line {gap.Where.Line}: {OneLine(gap.Reason)}";

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
        /// same count are added up; the constant part comes first.
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

                string count = term.Count is SumExpr ? "(" + term.Count + ")" : term.Count.ToString();
                if (!nsByCount.ContainsKey(count))
                {
                    order.Add(count);
                    nsByCount[count] = 0;
                }

                nsByCount[count] += price;
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

        /// <summary>Operation counts for people: <c>3 loads, 2 ALU, 1 branch</c>.</summary>
        public static string DescribeCounts(EquatableArray<OperationCount> counts)
        {
            var text = new StringBuilder();
            foreach (OperationCount count in counts)
            {
                if (text.Length > 0)
                {
                    text.Append(", ");
                }

                text.Append(Number(count.Count)).Append(' ').Append(Name(count.Class, plural: count.Count != 1));
            }

            return text.ToString();
        }

        /// <summary>A class's short name (<c>ALU</c>, <c>load</c>/<c>loads</c>).</summary>
        public static string Name(OperationClass operation, bool plural) => operation switch
        {
            OperationClass.IntegerAlu => "ALU",
            OperationClass.IntegerMultiply => plural ? "multiplies" : "multiply",
            OperationClass.IntegerDivide => plural ? "divides" : "divide",
            OperationClass.FloatAdd => plural ? "FP adds" : "FP add",
            OperationClass.FloatMultiply => plural ? "FP multiplies" : "FP multiply",
            OperationClass.FloatDivide => plural ? "FP divides" : "FP divide",
            OperationClass.Load => plural ? "loads" : "load",
            OperationClass.Store => plural ? "stores" : "store",
            OperationClass.BoundsCheck => plural ? "bounds checks" : "bounds check",
            OperationClass.Branch => plural ? "branches" : "branch",
            OperationClass.Call => plural ? "calls" : "call",
            OperationClass.VirtualCall => plural ? "virtual calls" : "virtual call",
            OperationClass.InterfaceCall => plural ? "interface calls" : "interface call",
            OperationClass.DelegateCall => plural ? "delegate calls" : "delegate call",
            OperationClass.Allocation => plural ? "allocations" : "allocation",
            OperationClass.AllocatedByte => plural ? "bytes allocated" : "byte allocated",
            OperationClass.CopiedByte => plural ? "bytes copied" : "byte copied",
            OperationClass.ComparedByte => plural ? "bytes compared" : "byte compared",
            OperationClass.HashedByte => plural ? "bytes hashed" : "byte hashed",
            OperationClass.TypeCheck => plural ? "type checks" : "type check",
            _ => operation.ToString(),
        };

        /// <summary>A count for people: <c>3</c>, <c>0.5</c>.</summary>
        public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

        /// <summary>Nanoseconds with three significant digits: <c>12 ns</c>, <c>0.56 ns</c>, <c>1.23 µs</c>.</summary>
        public static string Nanoseconds(double ns) => new Latency(ns).ToString();

        /// <summary>Text from the model folded onto one line (it goes into <c>//</c> comments).</summary>
        public static string OneLine(string text) =>
            text.IndexOfAny(new[] { '\r', '\n' }) < 0 ? text : text.Replace("\r\n", " ").Replace('\r', ' ').Replace('\n', ' ');
    }
}
