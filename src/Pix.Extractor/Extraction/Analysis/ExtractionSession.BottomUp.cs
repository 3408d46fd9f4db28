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
/// is not read). What bounds a summary instead is its size: a callee whose summary has more than
/// <see cref="ExtractionOptions.MaxCalleeTerms"/> terms is priced as an opaque call (MethodAnalyzer.Calls.cs), so that
/// a deep tree that calls the same helpers from many places cannot multiply its terms without end. So that a long
/// chain of summaries computed on demand cannot overflow the stack, every <see cref="FramesPerThread"/>-th nested
/// computation continues on a fresh thread (as Roslyn's <c>StackGuard.RunOnEmptyStack</c> does).</item>
/// <item>The operation budget (<see cref="ExtractionOptions.MaxOperations"/>) counts each method's own operations,
/// not its callees': the budget a method runs out of is its own, so its summary is the same for every caller.
/// <see cref="ExtractionOptions.MaxPieces"/> was already per method.</item>
/// <item>Recursion is cut by the call graph's cycles. A call into a method on the stack is a recursion gap, as
/// before; but which calls of a cycle (mutual recursion) meet a method on the stack depends on where the cycle was
/// entered. So a cycle is summarised in three passes. The first, entered wherever a caller entered it, finds its
/// members as Tarjan finds strongly connected components (by the lowest stack index each computation reached;
/// members are reused within the pass and dropped when it closes). The second summarises every member's own
/// invocation, each call into the cycle cut (the call's own cost only). The third summarises every member again
/// taking, at each call into the cycle, the callee's summary from the second pass (one invocation of it), the
/// whole times the member's <c>recursionDepth</c>: what the depth-bounded analysis gave a two-method cycle, and
/// for a longer one the members one call away. None of it depends on the entry. The members' summaries are kept
/// together (<see cref="ComposedSummaryStore.AddCycle"/>), so a concurrent extraction sees all of them or none.</item>
/// </list>
/// <para>So a model does not depend on the order methods are extracted in, nor on which extraction computed a
/// summary first (extractions run concurrently and share the store), and a cancelled computation is never kept:
/// a summary is stored only once its computation returned.</para>
/// </remarks>
internal sealed partial class ExtractionSession
{
    // About 16 nested method analyses fit a 1 MB stack with room to spare (each nests its statements, up to MaxNestingDepth).
    private const int FramesPerThread = 16;

    private readonly List<Frame> _frames = new();
    // Members of a cycle whose entry is still on the stack (first pass): reused within it, dropped when it closes.
    private readonly Dictionary<IMethodSymbol, (MethodSummary Summary, int Lowest)> _openCycles = new(SymbolEqualityComparer.Default);
    // The cycle being summarised in its second or third pass (ExtractionSession.BottomUp.cs), innermost.
    private CyclePass? _cyclePass;
    private ComposedSummaryStore? _store;
    // The extracted method's kept summary: the first one taken outside any frame, which is InterfaceExtractor's
    // Summarise of the method itself (a method analysed outside a frame, as MethodArmCosts does, has none: its
    // callees' are taken there, and nothing reads the dependencies of such a session).
    private ComposedSummary? _composed;

    /// <summary>
    /// Tests only: called as a summary's computation starts (before its first operation), so that a test
    /// can cancel an extraction in the middle of a callee's summary. Process-wide: filter by your own names.
    /// </summary>
    internal static System.Action<IMethodSymbol>? ComputingForTesting { get; set; }

    private ComposedSummaryStore Store => _store ??= ComposedSummaryStore.For(Compilation, Options);

    private Frame? CurrentFrame => _frames.Count > 0 ? _frames[_frames.Count - 1] : null;

    /// <summary>The summary of <paramref name="method"/> (an original definition) composed bottom-up.</summary>
    private MethodSummary SummariseBottomUp(IMethodSymbol method)
    {
        CancellationToken.ThrowIfCancellationRequested();
        if (_openCycles.TryGetValue(method, out var member))
        {
            // A member of the cycle in its first pass: the caller is in that cycle too.
            Frame current = CurrentFrame!;
            current.Lowest = System.Math.Min(current.Lowest, member.Lowest);
            return member.Summary;
        }

        if (_cyclePass?.Invocations is { } invocations && invocations.TryGetValue(method, out ComposedSummary? invocation))
        {
            // Third pass: a call into the cycle takes one invocation of the callee.
            Take(invocation);
            return invocation.Summary;
        }

        if (Store.TryGet(method, out ComposedSummary? kept))
        {
            Take(kept!);
            return kept!.Summary;
        }

        Frame frame = Run(method);
        if (frame.Lowest < frame.Index)
        {
            // A call back into a method below on the stack: a member of a cycle entered further down.
            _openCycles[method] = (frame.Summary!, frame.Lowest);
            Frame caller = CurrentFrame!;
            caller.Lowest = System.Math.Min(caller.Lowest, frame.Lowest);
            caller.Absorb(frame);
            return frame.Summary!;
        }

        ComposedSummary composed;
        if (frame.Cycle.Count == 0)
        {
            composed = Store.Add(method, frame.Compose(cycle: []));
        }
        else
        {
            foreach (IMethodSymbol closed in frame.Cycle)
            {
                _openCycles.Remove(closed);
            }

            composed = SummariseCycle(method, frame.Cycle);
        }

        Take(composed);
        return composed.Summary;
    }

    /// <summary>
    /// The second and third passes over a cycle entered at <paramref name="entry"/> (the first found its
    /// members): every member's own invocation, then every member with one invocation of each member it
    /// calls, all kept together; returns the entry's.
    /// </summary>
    private ComposedSummary SummariseCycle(IMethodSymbol entry, IReadOnlyList<IMethodSymbol> others)
    {
        var members = new List<IMethodSymbol>(others.Count + 1) { entry };
        members.AddRange(others);
        CyclePass? enclosing = _cyclePass;
        try
        {
            _cyclePass = new CyclePass(members, invocations: null);
            var invocations = new Dictionary<IMethodSymbol, ComposedSummary>(SymbolEqualityComparer.Default);
            foreach (IMethodSymbol member in members)
            {
                invocations[member] = Run(member).Compose(cycle: []);
            }

            _cyclePass = new CyclePass(members, invocations);
            var summaries = new List<(IMethodSymbol Method, ComposedSummary Summary)>(members.Count);
            foreach (IMethodSymbol member in members)
            {
                summaries.Add((member, Run(member).Compose(cycle: members.Where(m => !SymbolEqualityComparer.Default.Equals(m, member)).ToArray())));
            }

            return Store.AddCycle(summaries, entry);
        }
        finally
        {
            _cyclePass = enclosing;
        }
    }

    /// <summary>Analyses <paramref name="method"/> in a frame of its own; the frame holds the summary and what the analysis did.</summary>
    private Frame Run(IMethodSymbol method)
    {
        ComputingForTesting?.Invoke(method);
        var frame = new Frame(method, _frames.Count, _operationsVisited, BudgetExhausted);
        _frames.Add(frame);
        _callStack.Add(method);
        _recursive.Remove(method); // found recursive by this computation or not at all
        _operationsVisited = 0;
        BudgetExhausted = false;
        try
        {
            frame.Summary = frame.Index > 0 && frame.Index % FramesPerThread == 0
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

        return frame;
    }

    /// <summary>Adds what a kept summary's computation reported and read, as computing it here would have.</summary>
    private void Take(ComposedSummary kept)
    {
        if (CurrentFrame is { } caller)
        {
            foreach (Gap gap in kept.Gaps)
            {
                caller.AddGap(gap);
            }

            caller.Callees.Add(kept);
            caller.MetInvalidCode |= kept.MetInvalidCode;
            return;
        }

        // The extracted method itself (or a callee of a method analysed outside a frame, as MethodArmCosts does).
        foreach (Gap gap in kept.Gaps)
        {
            AddSessionGap(gap);
        }

        MetInvalidCode |= kept.MetInvalidCode;
        _composed ??= kept;
    }

    /// <summary>
    /// Whether a call into <paramref name="method"/> is cut as recursion: it is on the stack (then the computation
    /// reaches that frame: its low-link), or it is a member of the cycle in its second pass. In the third pass a
    /// call into the cycle is followed (to the callee's one invocation) and makes the caller recursive.
    /// </summary>
    private bool IsRecursionBottomUp(IMethodSymbol method, bool onStack)
    {
        if (onStack)
        {
            int index = _callStack.FindIndex(m => SymbolEqualityComparer.Default.Equals(m, method));
            CurrentFrame!.Lowest = System.Math.Min(CurrentFrame.Lowest, index);
            return true;
        }

        if (_cyclePass is { } pass && pass.Members.Contains(method))
        {
            if (pass.Invocations is null)
            {
                return true;
            }

            _recursive.Add(CurrentFrame!.Method);
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="callee"/>, called recursively, is marked recursive: when it is on the stack (its
    /// invocations repeat); not for a call cut in a cycle's second pass, which prices one invocation.
    /// </summary>
    private bool MarksRecursionBottomUp(IMethodSymbol callee) => _callStack.Contains(callee, SymbolEqualityComparer.Default);

    /// <summary>The members of the cycle being summarised, and in the third pass each one's own invocation.</summary>
    private sealed class CyclePass(IReadOnlyList<IMethodSymbol> members, Dictionary<IMethodSymbol, ComposedSummary>? invocations)
    {
        public HashSet<IMethodSymbol> Members { get; } = new(members, SymbolEqualityComparer.Default);

        public Dictionary<IMethodSymbol, ComposedSummary>? Invocations { get; } = invocations;
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

        public MethodSummary? Summary { get; set; }

        public List<Gap> Gaps { get; } = new();

        public HashSet<SyntaxTree> Trees { get; } = new();

        /// <summary>Methods whose bodies the throw-helper rule read (ExtractionSession.ThrowHelpers.cs).</summary>
        public HashSet<IMethodSymbol> BodiesRead { get; } = new(SymbolEqualityComparer.Default);

        public List<ComposedSummary> Callees { get; } = new();

        /// <summary>Members of a cycle this frame entered, computed inside it (first pass).</summary>
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
            BodiesRead.UnionWith(member.BodiesRead);
            Callees.AddRange(member.Callees);
            Cycle.Add(member.Method);
            Cycle.AddRange(member.Cycle);
            MetInvalidCode |= member.MetInvalidCode;
        }

        public ComposedSummary Compose(IReadOnlyCollection<IMethodSymbol> cycle) =>
            new(Summary!, Gaps.ToArray(), cycle, Trees.ToArray(), Callees.ToArray(), MetInvalidCode) { BodiesRead = BodiesRead.ToArray() };
    }
}
