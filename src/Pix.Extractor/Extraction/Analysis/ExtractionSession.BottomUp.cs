using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Caching;
using Pix.Model;

namespace Pix.Extraction.Analysis;

/// <summary>
/// Summaries composed bottom-up (<see cref="ExtractionOptions.BottomUpSummaries"/>): one summary per
/// method per compilation, which every caller takes as it is, whoever asks first and at whatever depth.
/// </summary>
/// <remarks>
/// <para>The rule. A method's summary depends on its code and its callees' summaries only:</para>
/// <list type="bullet">
/// <item>No call depth: every call into a source method is followed (<see cref="ExtractionOptions.MaxCallDepth"/>
/// is not read). Nesting of summaries computed on demand is bounded by the call graph (a method already
/// on the stack is not entered again); so that a long chain cannot overflow the stack, every
/// <see cref="FramesPerThread"/>-th nested computation continues on a fresh thread (as Roslyn's
/// <c>StackGuard.RunOnEmptyStack</c> does).</item>
/// <item>The operation budget (<see cref="ExtractionOptions.MaxOperations"/>) counts each method's own operations,
/// not its callees': the budget a method runs out of is its own, so its summary is the same for every caller.
/// <see cref="ExtractionOptions.MaxPieces"/> was already per method.</item>
/// <item>Recursion is cut by the call graph's cycles: a call into a method on the stack is a recursion gap,
/// as before. That answer depends on the stack, so a summary computed with a call back into a method
/// below it on the stack (a member of a cycle entered elsewhere; found as Tarjan finds strongly
/// connected components, by the lowest stack index a computation reached) is kept only until the
/// cycle's entry closes, and only the entry's summary is kept for the compilation, with the cycle's
/// members (<see cref="ComposedSummary.Cycle"/>): it holds wherever none of them is on the stack, and is
/// computed again (as a member) where one is.</item>
/// </list>
/// <para>So a model does not depend on the order methods are extracted in, nor on which extraction
/// computed a summary first (extractions run concurrently and share the store), and a cancelled
/// computation is never kept: a summary is stored only once its computation returned.</para>
/// </remarks>
internal sealed partial class ExtractionSession
{
    // About 16 nested method analyses fit a 1 MB stack with room to spare (each nests its statements, up to MaxNestingDepth).
    private const int FramesPerThread = 16;

    private readonly List<Frame> _frames = new();
    // Members of a cycle whose entry is still on the stack: reused within the cycle, dropped when its entry closes.
    private readonly Dictionary<IMethodSymbol, (MethodSummary Summary, int Lowest)> _openCycles = new(SymbolEqualityComparer.Default);
    private ComposedSummaryStore? _store;
    private ComposedSummary? _composed;

    private ComposedSummaryStore Store => _store ??= ComposedSummaryStore.For(Compilation, Options);

    private Frame? CurrentFrame => _frames.Count > 0 ? _frames[_frames.Count - 1] : null;

    /// <summary>The summary of <paramref name="method"/> (an original definition) composed bottom-up.</summary>
    private MethodSummary SummariseBottomUp(IMethodSymbol method)
    {
        CancellationToken.ThrowIfCancellationRequested();
        if (_openCycles.TryGetValue(method, out var member))
        {
            // A member of the cycle being analysed: the caller is in that cycle too.
            Frame current = CurrentFrame!;
            current.Lowest = System.Math.Min(current.Lowest, member.Lowest);
            return member.Summary;
        }

        if (Store.TryGet(method, out ComposedSummary? kept) && !kept!.Cycle.Any(IsOnCallStack))
        {
            Take(kept);
            return kept.Summary;
        }

        return Compute(method);
    }

    /// <summary>
    /// Tests only: called as a summary's computation starts (before its first operation), so that a test
    /// can cancel an extraction in the middle of a callee's summary. Process-wide: filter by your own names.
    /// </summary>
    internal static System.Action<IMethodSymbol>? ComputingForTesting { get; set; }

    private MethodSummary Compute(IMethodSymbol method)
    {
        ComputingForTesting?.Invoke(method);
        var frame = new Frame(method, _frames.Count, _operationsVisited, BudgetExhausted);
        _frames.Add(frame);
        _callStack.Add(method);
        _recursive.Remove(method); // found recursive by this computation or not at all
        _operationsVisited = 0;
        BudgetExhausted = false;
        MethodSummary summary;
        try
        {
            summary = frame.Index > 0 && frame.Index % FramesPerThread == 0
                ? Task.Run(() => new MethodAnalyzer(this, method).Analyze()).GetAwaiter().GetResult()
                : new MethodAnalyzer(this, method).Analyze();
        }
        finally
        {
            _frames.RemoveAt(_frames.Count - 1);
            _callStack.RemoveAt(_callStack.Count - 1);
            _operationsVisited = frame.CallerOperations;
            BudgetExhausted = frame.CallerBudgetExhausted;
        }

        Frame? caller = CurrentFrame;
        if (frame.Lowest < frame.Index)
        {
            // A call back into a method below on the stack: this summary holds only inside that cycle.
            _openCycles[method] = (summary, frame.Lowest);
            caller!.Lowest = System.Math.Min(caller.Lowest, frame.Lowest);
            caller.Absorb(frame);
            return summary;
        }

        foreach (IMethodSymbol closed in frame.Cycle)
        {
            _openCycles.Remove(closed);
        }

        var composed = new ComposedSummary(summary, frame.Gaps.ToArray(), frame.Cycle.ToArray(), frame.Trees.ToArray(), frame.Callees.ToArray(), frame.MetInvalidCode);
        composed = Store.Add(method, composed);
        Take(composed);
        return composed.Summary;
    }

    /// <summary>Adds what a kept summary's computation reported and read, as computing it here would have.</summary>
    private void Take(ComposedSummary kept)
    {
        foreach (Gap gap in kept.Gaps)
        {
            AddGapUnrecorded(gap);
        }

        MetInvalidCode |= kept.MetInvalidCode;
        if (CurrentFrame is { } caller)
        {
            caller.Callees.Add(kept);
            caller.MetInvalidCode |= kept.MetInvalidCode;
        }
        else
        {
            _composed = kept;
        }
    }

    private bool IsOnCallStack(IMethodSymbol method) => _callStack.Contains(method, SymbolEqualityComparer.Default);

    /// <summary>A call found <paramref name="method"/> on the stack: the computation reaches that frame (its low-link).</summary>
    private void ReachedOnStack(IMethodSymbol method)
    {
        if (CurrentFrame is { } current)
        {
            int index = _callStack.FindIndex(m => SymbolEqualityComparer.Default.Equals(m, method));
            current.Lowest = System.Math.Min(current.Lowest, index);
        }
    }

    /// <summary>One summary being computed: what it reported and read so far, and how far down the stack it reached.</summary>
    private sealed class Frame
    {
        private readonly HashSet<(GapKind Kind, string Construct, string FilePath, int Start, int Length)> _gapKeys = new();

        public Frame(IMethodSymbol method, int index, int callerOperations, bool callerBudgetExhausted)
        {
            Method = method;
            Index = index;
            Lowest = index;
            CallerOperations = callerOperations;
            CallerBudgetExhausted = callerBudgetExhausted;
        }

        public IMethodSymbol Method { get; }

        /// <summary>The frame's place on the stack.</summary>
        public int Index { get; }

        /// <summary>The lowest stack index a call in this computation found on the stack (its own when none below).</summary>
        public int Lowest { get; set; }

        /// <summary>The caller's operation count and budget state, restored when this frame closes (the budget is per method).</summary>
        public int CallerOperations { get; }

        public bool CallerBudgetExhausted { get; }

        public List<Gap> Gaps { get; } = new();

        public HashSet<SyntaxTree> Trees { get; } = new();

        public List<ComposedSummary> Callees { get; } = new();

        /// <summary>Members of a cycle this frame entered, computed inside it.</summary>
        public List<IMethodSymbol> Cycle { get; } = new();

        public bool MetInvalidCode { get; set; }

        public void AddGap(Gap gap)
        {
            if (_gapKeys.Add((gap.Kind, gap.Construct, gap.Where.FilePath, gap.Where.Start, gap.Where.Length)))
            {
                Gaps.Add(gap);
            }
        }

        /// <summary>Takes in a member of a cycle computed inside this frame: its reports and reads become this frame's.</summary>
        public void Absorb(Frame member)
        {
            foreach (Gap gap in member.Gaps)
            {
                AddGap(gap);
            }

            Trees.UnionWith(member.Trees);
            Callees.AddRange(member.Callees);
            Cycle.Add(member.Method);
            Cycle.AddRange(member.Cycle);
            MetInvalidCode |= member.MetInvalidCode;
        }
    }
}
