using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Model;

namespace Pix.Generator;

public sealed partial class PerformanceInterfaceGenerator
{
    /// <summary>
    /// How the emitter lays out an interface's arithmetic so that nothing is written twice:
    /// <list type="bullet">
    /// <item>terms every piece starts with (same block, count, provenance and description) are summed once,
    /// into a <c>common</c> local that each piece's sum starts from;</item>
    /// <item>a block priced by two or more emitted terms is priced once, into a local named after the
    /// first term that uses it (<c>double touch = Max(…);</c>); a block used once stays inline, so a
    /// one-term interface is still a single expression.</item>
    /// </list>
    /// Every local is declared just before the first piece that needs it (inside the piece's branch
    /// when only that guarded piece needs it), so an early, cheap piece never prices blocks that only
    /// later pieces use. A later piece that does not use a block declared before an earlier user still
    /// prices it: a few profile reads wasted, never a number changed; writing the block once per branch
    /// would avoid that only by writing it twice.
    /// </summary>
    /// <remarks>
    /// Numbers: a local holds exactly the value its inline expression had, and every piece adds its terms
    /// in the model's order (the common ones are a prefix), so the result is <see cref="ModelEvaluator"/>'s
    /// to the last bit.
    /// </remarks>
    internal sealed class CostLayout
    {
        private static readonly Regex Identifier = new(@"@?[\p{L}_][\p{L}\p{Nd}_]*", RegexOptions.CultureInvariant);

        private readonly Dictionary<BlockSummary, string> _blockLocals;

        private CostLayout(
            string? commonLocal,
            IReadOnlyList<Term> common,
            IReadOnlyList<IReadOnlyList<Term>> own,
            Dictionary<BlockSummary, string> blockLocals,
            IReadOnlyList<BlockSummary> beforeCommon,
            IReadOnlyList<IReadOnlyList<BlockSummary>> beforePiece,
            IReadOnlyList<IReadOnlyList<BlockSummary>> insidePiece)
        {
            CommonLocal = commonLocal;
            Common = common;
            Own = own;
            _blockLocals = blockLocals;
            BeforeCommon = beforeCommon;
            BeforePiece = beforePiece;
            InsidePiece = insidePiece;
        }

        /// <summary>The name of the local holding the common terms' sum, or null when no term is common to every piece.</summary>
        public string? CommonLocal { get; }

        /// <summary>The terms every piece has, in the first piece's order.</summary>
        public IReadOnlyList<Term> Common { get; }

        /// <summary>For each piece, its terms other than the common ones, in the piece's order.</summary>
        public IReadOnlyList<IReadOnlyList<Term>> Own { get; }

        /// <summary>Block locals declared before the common sum (the blocks it uses).</summary>
        public IReadOnlyList<BlockSummary> BeforeCommon { get; }

        /// <summary>For each piece, block locals declared at method scope just before it (before its <c>if</c>).</summary>
        public IReadOnlyList<IReadOnlyList<BlockSummary>> BeforePiece { get; }

        /// <summary>For each guarded piece, block locals only it uses, declared inside its branch.</summary>
        public IReadOnlyList<IReadOnlyList<BlockSummary>> InsidePiece { get; }

        /// <summary>The local that holds <paramref name="block"/>'s price, or null when it is priced inline.</summary>
        public string? BlockLocal(BlockSummary block) => _blockLocals.TryGetValue(block, out string? name) ? name : null;

        /// <summary>Lays out <paramref name="model"/>; <paramref name="taken"/> are names the locals must not shadow or reuse.</summary>
        public static CostLayout Create(InterfaceModel model, IEnumerable<string> taken)
        {
            int pieceCount = model.Pieces.Count;
            (List<Term> common, List<IReadOnlyList<Term>> own) = SplitCommon(model);
            var names = new NameSet(taken.Concat(IdentifiersReadBy(model)));
            string? commonLocal = common.Count > 0 ? names.Claim("common") : null;

            // Where each block is priced: -1 for the common sum, else the piece's index. One entry per emitted term.
            var uses = new Dictionary<BlockSummary, List<int>>();
            var order = new List<BlockSummary>();
            void Use(Term term, int where)
            {
                if (!uses.TryGetValue(term.Block, out List<int>? list))
                {
                    uses[term.Block] = list = new List<int>();
                    order.Add(term.Block);
                }

                list.Add(where);
            }

            common.ForEach(t => Use(t, -1));
            for (int i = 0; i < pieceCount; i++)
            {
                foreach (Term term in own[i])
                {
                    Use(term, i);
                }
            }

            var locals = new Dictionary<BlockSummary, string>();
            var beforeCommon = new List<BlockSummary>();
            List<BlockSummary>[] beforePiece = Enumerable.Range(0, pieceCount).Select(_ => new List<BlockSummary>()).ToArray();
            List<BlockSummary>[] insidePiece = Enumerable.Range(0, pieceCount).Select(_ => new List<BlockSummary>()).ToArray();
            foreach (BlockSummary block in order)
            {
                List<int> where = uses[block];
                if (where.Count < 2 || block.IsEmpty)
                {
                    continue;
                }

                Term first = common.Concat(own.SelectMany(t => t)).First(t => t.Block.Equals(block));
                locals[block] = names.Claim(LocalName(first));
                int earliest = where.Min();
                if (earliest < 0)
                {
                    beforeCommon.Add(block);
                }
                else if (where.All(p => p == earliest) && model.Pieces[earliest].When is not TrueGuard)
                {
                    insidePiece[earliest].Add(block);
                }
                else
                {
                    beforePiece[earliest].Add(block);
                }
            }

            return new CostLayout(commonLocal, common, own, locals, beforeCommon, beforePiece, insidePiece);
        }

        /// <summary>
        /// Splits the terms every piece starts with (the longest common prefix) from each piece's own. Only a
        /// prefix: <see cref="ModelEvaluator"/> adds a piece's terms left to right, and <c>common + own terms</c>
        /// adds them in that same order only when the common terms come first.
        /// </summary>
        private static (List<Term> Common, List<IReadOnlyList<Term>> Own) SplitCommon(InterfaceModel model)
        {
            int prefix = 0;
            if (model.Pieces.Count > 1)
            {
                EquatableArray<Term> first = model.Pieces[0].Terms;
                while (prefix < first.Count && model.Pieces.All(p => p.Terms.Count > prefix && p.Terms[prefix].Equals(first[prefix])))
                {
                    prefix++;
                }
            }

            var common = model.Pieces[0].Terms.Take(prefix).ToList();
            return (common, model.Pieces.Select(p => (IReadOnlyList<Term>)p.Terms.Skip(prefix).ToList()).ToList());
        }

        /// <summary>Every identifier the quantities' C# mentions: a local of that name would change what the expression reads.</summary>
        private static IEnumerable<string> IdentifiersReadBy(InterfaceModel model) =>
            model.Quantities
                .SelectMany(q => new[] { q.Name, q.Expression ?? "" })
                .SelectMany(text => Identifier.Matches(text).Cast<Match>().Select(m => m.Value.TrimStart('@')));

        /// <summary>
        /// A camelCase name from a term's description: the called member for <c>call to Type.Member …</c>
        /// (<c>touch</c>), the words before <c>over</c>/<c>in</c> otherwise (<c>straightLineCode</c>), and
        /// the enclosing member for a bare loop (<c>findLoop</c>).
        /// </summary>
        internal static string LocalName(Term term) => LocalName(term.Description);

        /// <inheritdoc cref="LocalName(Term)"/>
        internal static string LocalName(string description)
        {
            int inAt = description.IndexOf(" in ", StringComparison.Ordinal);
            string head = inAt >= 0 ? description.Substring(0, inAt) : description;
            string context = inAt >= 0 ? Words(description.Substring(inAt + 4)).FirstOrDefault() ?? "" : "";
            int overAt = head.IndexOf(" over ", StringComparison.Ordinal);
            if (overAt >= 0)
            {
                head = head.Substring(0, overAt);
            }

            List<string> words;
            const string CallTo = "call to ";
            if (head.StartsWith(CallTo, StringComparison.Ordinal) || head.Contains('.'))
            {
                // The member, not its type: Nat.TranslateOutbound → translateOutbound; PacketHeaders..ctor → packetHeadersCtor.
                string member = head.StartsWith(CallTo, StringComparison.Ordinal) ? head.Substring(CallTo.Length) : head;
                string[] segments = member.Split(new[] { '.' }, StringSplitOptions.RemoveEmptyEntries);
                words = segments.Length > 1 && segments[segments.Length - 1] is "ctor" or "cctor"
                    ? Words(segments[segments.Length - 2] + " " + segments[segments.Length - 1]).ToList()
                    : Words(segments.LastOrDefault() ?? "").ToList();
            }
            else
            {
                words = Words(head).Take(3).ToList();
                if (words.Count == 1 && context.Length > 0)
                {
                    words.Insert(0, context);
                }
            }

            var name = new StringBuilder();
            foreach (string word in words)
            {
                name.Append(name.Length == 0 ? char.ToLowerInvariant(word[0]) : char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            }

            return name.Length == 0 || !char.IsLetter(name[0]) ? "block" : name.ToString();
        }

        /// <summary>The letter-and-digit runs of <paramref name="text"/> (<c>get_Flow</c> → <c>get</c>, <c>Flow</c>).</summary>
        private static IEnumerable<string> Words(string text) =>
            Regex.Split(text, @"[^\p{L}\p{Nd}]+").Where(w => w.Length > 0);

        /// <summary>Hands out names that are not keywords and not taken, appending 2, 3… when needed.</summary>
        private sealed class NameSet
        {
            private readonly HashSet<string> _taken;

            public NameSet(IEnumerable<string> taken) =>
                _taken = new HashSet<string>(taken.Select(n => n.TrimStart('@')), StringComparer.Ordinal);

            public string Claim(string wanted)
            {
                string name = wanted;
                for (int suffix = 2; !IsFree(name); suffix++)
                {
                    name = wanted + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                _taken.Add(name);
                return name;
            }

            private bool IsFree(string name) =>
                !_taken.Contains(name)
                && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None
                && SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.None;
        }
    }
}
