using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Generator.Model;
using Pix.Model;

namespace Pix.Generator;

public sealed partial class PerformanceInterfaceGenerator
{
    /// <summary>
    /// The counts of every block a generated file prices, as one static table: a private nested class
    /// <c>__PixBlocks</c> with one <c>BlockCounts</c> field per distinct block of each method,
    /// <code>
    /// // loop over rows (for loop over rows at lines 11-17)
    /// internal static readonly global::Pix.BlockCounts Grid_loopOverRows = global::Pix.BlockCounts.Of(integerAlu: 3, branch: 2).WithChain(integerAlu: 1);
    /// </code>
    /// so that a companion prices a term as <c>count * hw.Price(__PixBlocks.Grid_loopOverRows)</c>.
    /// </summary>
    /// <remarks>
    /// Why a table: priced inline, each block was a sum of <c>k * hw.ThroughputNs(global::Pix.OperationClass.X)</c>
    /// calls inside a <c>Math.Max</c>, which made the generated code several times larger than the
    /// methods it describes and compiling it most of Pix's build overhead. A table entry is built once,
    /// and <see cref="HardwareProfile.Price(BlockCounts)"/> prices it with the same cost model as
    /// <see cref="BlockSummary.Price"/>. The class name starts with two underscores, which C# reserves for
    /// generated code, so it cannot collide with a member the user wrote. It is private, so a derived
    /// type does not see its base's table, except when the derived type is nested inside its base: a
    /// private member is visible to nested types, and the inner table then hides the outer one (CS0108,
    /// an error under warnings-as-errors). Hiding is what is meant there (each type prices its own
    /// methods, and a companion names the nearest table), so a nested type's table is declared with
    /// that warning suppressed. Only a nested type can be in that position, so top-level tables carry
    /// no pragma.
    /// </remarks>
    internal sealed class BlockTable
    {
        /// <summary>The name of the nested class that holds the table.</summary>
        public const string ClassName = "__PixBlocks";

        private const string CountsType = "global::Pix.BlockCounts";

        private readonly List<Entry> _entries = new();
        // Per method (by position in the file): each block's qualified field, __PixBlocks.Grid_loopOverRows.
        private readonly List<Dictionary<BlockSummary, string>> _fields = new();
        private readonly HashSet<string> _taken = new(System.StringComparer.Ordinal);

        /// <summary>The table of <paramref name="methods"/>' blocks: one entry per method and distinct non-empty block, in term order.</summary>
        public static BlockTable Create(IEnumerable<LatencyMethodSpec> methods)
        {
            var table = new BlockTable();
            foreach (LatencyMethodSpec method in methods)
            {
                table._fields.Add(new Dictionary<BlockSummary, string>());
                foreach (Piece piece in method.Interface.Pieces)
                {
                    foreach (Term term in piece.Terms)
                    {
                        table.Add(method, term);
                    }
                }
            }

            return table;
        }

        /// <summary>True when no method prices a block (then the file declares no table).</summary>
        public bool IsEmpty => _entries.Count == 0;

        /// <summary>For the file's method at <paramref name="index"/>, each block's field: <c>__PixBlocks.Grid_loopOverRows</c>.</summary>
        public IReadOnlyDictionary<BlockSummary, string> FieldsOf(int index) => _fields[index];

        /// <summary>Writes the nested class (nothing when the table is empty).</summary>
        /// <param name="writer">Where to write it.</param>
        /// <param name="version">The generator's version, for <c>GeneratedCode</c>.</param>
        /// <param name="isNested">The table's type is itself nested, so it may derive from a type that contains it.</param>
        public void Emit(SourceWriter writer, string version, bool isNested)
        {
            if (IsEmpty)
            {
                return;
            }

            writer.WriteLine("/// <summary>What one execution of each block priced above counts (per iteration, for a loop body).</summary>");
            writer.WriteLine($"[global::System.CodeDom.Compiler.GeneratedCode(\"Pix.Generator\", \"{version}\")]");
            writer.WriteLine("[global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]");
            if (isNested)
            {
                writer.WriteLine("#pragma warning disable CS0108 // In a type nested in its own base, this table hides the base's on purpose: each type prices its own methods.");
                writer.WriteLine("private static class " + ClassName);
                writer.WriteLine("#pragma warning restore CS0108");
            }
            else
            {
                writer.WriteLine("private static class " + ClassName);
            }

            using (writer.EmitBlock(string.Empty))
            {
                foreach (Entry entry in _entries)
                {
                    writer.WriteLine($"// {Describer.OneLine(entry.Term.Description)} ({Describer.OneLine(entry.Term.Origin.ToString())})");
                    writer.WriteLine($"internal static readonly {CountsType} {entry.Field} = {Counts(entry.Term.Block)};");
                }
            }
        }

        private void Add(LatencyMethodSpec method, Term term)
        {
            Dictionary<BlockSummary, string> fields = _fields[_fields.Count - 1];
            if (term.Block.IsEmpty || fields.ContainsKey(term.Block))
            {
                return;
            }

            string prefix = method.MethodName.TrimStart('@') + "_";
            string wanted = prefix + FieldName(term.Description, withContext: false);
            if (_taken.Contains(wanted))
            {
                // Two loops "over unknown bound" read better as ..InExpireSeenBefore and ..InFind than as 1 and 2.
                wanted = prefix + FieldName(term.Description, withContext: true);
            }

            string field = wanted;
            for (int suffix = 2; !_taken.Add(field); suffix++)
            {
                field = wanted + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            fields[term.Block] = ClassName + "." + field;
            _entries.Add(new Entry(term, field));
        }

        /// <summary>
        /// A camelCase name from a term's description, up to five words without articles: <c>loop over rows</c> →
        /// <c>loopOverRows</c>, <c>scan to the first match</c> → <c>scanToFirstMatch</c>, <c>call to Nat.Translate</c> →
        /// <c>callTranslate</c>. The <c> in Method</c> tail is left out (the field's name starts with the method),
        /// unless <paramref name="withContext"/>, which adds its first method: <c>loopOverUnknownBoundInFind</c>.
        /// </summary>
        internal static string FieldName(string description, bool withContext)
        {
            const string CallTo = "call to ";
            int inAt = description.IndexOf(" in ", System.StringComparison.Ordinal);
            string head = inAt > 0 ? description.Substring(0, inAt) : description;
            List<string> words = head.StartsWith(CallTo, System.StringComparison.Ordinal)
                ? new List<string> { "call", CostLayout.LocalName(head) }
                : Words(head).Where(w => w is not ("the" or "a" or "an")).Take(5).ToList();
            if (withContext && inAt > 0 && Words(description.Substring(inAt + 4)).FirstOrDefault() is { } context)
            {
                words.Add("in");
                words.Add(context);
            }

            var name = new StringBuilder();
            foreach (string word in words.Where(w => w.Length > 0))
            {
                name.Append(name.Length == 0 ? char.ToLowerInvariant(word[0]) : char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            }

            return name.Length == 0 || !char.IsLetter(name[0]) ? "block" : name.ToString();
        }

        private static IEnumerable<string> Words(string text) =>
            Regex.Split(text, @"[^\p{L}\p{Nd}]+").Where(w => w.Length > 0);

        /// <summary>
        /// <c>global::Pix.BlockCounts.Of(integerAlu: 3, load: 1, branch: 2).WithChain(integerAlu: 1).WithFoldedLoads(1).WithTakenBranches(1).WithOpaque("Parse").WithColdLoads(163840).WithL2Loads(1).WithMemoryLoads(2621440)</c>:
        /// counts summed per class and written in class order, as <see cref="BlockSummary.Price"/> prices them
        /// (cold loads by footprint, the order the block keeps them in).
        /// </summary>
        internal static string Counts(BlockSummary block)
        {
            var text = new StringBuilder(CountsType).Append(".Of(").Append(NamedCounts(block.Operations)).Append(')');
            if (!block.Chain.IsEmpty)
            {
                text.Append(".WithChain(").Append(NamedCounts(block.Chain)).Append(')');
            }

            if (block.FoldedLoads != 0)
            {
                text.Append(".WithFoldedLoads(").Append(ExpressionWriter.Literal(block.FoldedLoads)).Append(')');
            }

            if (block.TakenBranches != 0)
            {
                text.Append(".WithTakenBranches(").Append(ExpressionWriter.Literal(block.TakenBranches)).Append(')');
            }

            foreach (OpaqueCall call in block.Opaque)
            {
                text.Append(".WithOpaque(").Append(SymbolDisplay.FormatLiteral(call.Name, quote: true));
                if (call.Count != 1)
                {
                    text.Append(", ").Append(ExpressionWriter.Literal(call.Count));
                }

                text.Append(')');
            }

            AppendLoads(text, "WithColdLoads", block.ColdLoads);

            if (block.L2Loads != 0)
            {
                text.Append(".WithL2Loads(").Append(ExpressionWriter.Literal(block.L2Loads)).Append(')');
            }

            AppendLoads(text, "WithMemoryLoads", block.MemoryLoads);

            return text.ToString();
        }

        /// <summary><c>.WithColdLoads(2097152).WithColdLoads(163840, 2)</c>: one call of <paramref name="builder"/> per structure, its count only when not 1.</summary>
        private static void AppendLoads(StringBuilder text, string builder, EquatableArray<ColdLoad> loads)
        {
            foreach (ColdLoad load in loads)
            {
                text.Append('.').Append(builder).Append('(').Append(ExpressionWriter.Literal(load.FootprintBytes));
                if (load.Count != 1)
                {
                    text.Append(", ").Append(ExpressionWriter.Literal(load.Count));
                }

                text.Append(')');
            }
        }

        /// <summary><c>integerAlu: 3, branch: 2</c>: one named argument per class with a count (the parameter is the class's name in camelCase).</summary>
        private static string NamedCounts(EquatableArray<OperationCount> counts)
        {
            var perClass = new double[HardwareProfile.AllClasses.Count];
            var present = new bool[perClass.Length];
            foreach (OperationCount count in counts)
            {
                perClass[(int)count.Class] += count.Count;
                present[(int)count.Class] = true;
            }

            var text = new StringBuilder();
            foreach (OperationClass operation in HardwareProfile.AllClasses)
            {
                int i = (int)operation;
                if (!present[i] || perClass[i] == 0)
                {
                    continue;
                }

                string name = operation.ToString();
                text.Append(text.Length > 0 ? ", " : "")
                    .Append(char.ToLowerInvariant(name[0])).Append(name, 1, name.Length - 1)
                    .Append(": ").Append(ExpressionWriter.Literal(perClass[i]));
            }

            return text.ToString();
        }

        private sealed record Entry(Term Term, string Field);
    }
}
