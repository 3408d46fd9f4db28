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
/// is not read) unless the callee reaches more than <see cref="ExtractionOptions.MaxCalleeReach"/> methods through its
/// calls (a property of the compilation): it is then an opaque call, so that no extraction summarises an unbounded
/// subtree (its callees reach less than it does, so a callee under the limit is summarised whole). What bounds a summary's size is its terms: a callee whose summary has more than
/// <see cref="ExtractionOptions.MaxCalleeTerms"/> terms is priced as an opaque call (MethodAnalyzer.Calls.cs), so that
/// a deep tree that calls the same helpers from many places cannot multiply its terms without end. So that a long
/// chain of summaries computed on demand cannot overflow the stack, every <see cref="FramesPerThread"/>-th nested
/// computation continues on a fresh thread (as Roslyn's <c>StackGuard.RunOnEmptyStack</c> does).</item>
/// <item>The operation budget (<see cref="ExtractionOptions.MaxOperations"/>) counts each method's own operations,
/// not its callees': the budget a method runs out of is its own, so its summary is the same for every caller.
/// <see cref="ExtractionOptions.MaxPieces"/> was already per method.</item>
/// <item>Recursion is cut by the call graph's cycles. A call into a method on the stack is a recursion gap, as
/// before; but which calls of a cycle (mutual recursion) meet a method on the stack depends on where the cycle was
/// entered. So a cycle is summarised in two passes over its members, which a walk of the bodies' calls finds before
/// any is analysed (<see cref="CallGraph"/>, kept beside the summaries). The first pass summarises every member's own
/// invocation, each call into the cycle cut (the call's own cost only). The walk over-approximates the calls the
/// analysis follows, so the calls this pass cut are split into the cycles the analysis itself met (Tarjan again,
/// over the cut calls): a member that cut none is on no cycle and its invocation is its summary; one that cut calls
/// only into members kept before it is summarised again taking them; a member of a smaller cycle keeps its
/// invocation when it cut calls only within that cycle. The second pass summarises every member of each cycle again
/// taking, at each call into the cycle, the callee's invocation from the first pass, the whole times the member's
/// <c>recursionDepth</c>: what the depth-bounded analysis gave a two-method cycle, and for a longer one the members one
/// call away. None of it depends on the entry. A cycle's summaries are kept together
/// (<see cref="ComposedSummaryStore.AddCycle"/>), so a concurrent extraction sees all of them or none.</item>
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
    // The cycle being summarised, innermost: its members and, in its second pass, each one's own invocation.
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

    /// <summary>
    /// Measurement only (the corpus harness): told as each summary's computation and each call-graph walk starts
    /// and ends, so that it can time each one without the nested ones. Process-wide; extractions measured one at a time.
    /// </summary>
    internal static ISummaryMeter? MeterForMeasurement { get; set; }

    private ComposedSummaryStore Store => _store ??= ComposedSummaryStore.For(Compilation, Options);

    private Frame? CurrentFrame => _frames.Count > 0 ? _frames[_frames.Count - 1] : null;

    /// <summary>The summary of <paramref name="method"/> (an original definition) composed bottom-up.</summary>
    private MethodSummary SummariseBottomUp(IMethodSymbol method)
    {
        CancellationToken.ThrowIfCancellationRequested();
        if (_cyclePass?.Invocations is { } invocations && invocations.TryGetValue(method, out ComposedSummary? invocation))
        {
            // Second pass: a call into the cycle takes one invocation of the callee.
            Take(invocation);
            return invocation.Summary;
        }

        if (_cyclePass is { TakesKeptInvocations: true } large && large.Members.Contains(method))
        {
            // A call into a large cycle, from one of its members: one invocation of the callee
            // (not its summary, which another extraction may have kept: what a member takes must not depend on that).
            ComposedSummary callee = KeptInvocation(method, large);
            Take(callee);
            return callee.Summary;
        }

        // A method that reaches more than MaxCalleeReach methods is summarised only for its own extraction (every
        // caller takes it as an opaque call), and so is every member of its cycle (they reach what it does): its calls
        // into the cycle are opaque calls too, and there is no cycle to walk (the walk would read all it reaches).
        // Asked before the store, so that every extraction depends on the bodies that decided it (AddBodiesRead).
        bool pastReachLimit = ReachesTooMany(method);
        if (Store.TryGet(method, out ComposedSummary? kept))
        {
            Take(kept!);
            return kept!.Summary;
        }

        IReadOnlyList<IMethodSymbol> cycle = pastReachLimit ? [] : CycleOf(method);
        ComposedSummary composed = cycle.Count == 0 ? Store.Add(method, Run(method).Compose(cycle: []))
            : cycle.Count > Options.MaxCycleMembers ? SummariseInLargeCycle(method, cycle)
            : SummariseCycle(method, cycle);
        Take(composed);
        return composed.Summary;
    }

    /// <summary>
    /// Summarises <paramref name="method"/>, a member of a call cycle of more than <see cref="ExtractionOptions.MaxCycleMembers"/>
    /// (<paramref name="cycle"/>), on its own: at each call into the cycle it takes the callee's kept invocation
    /// (<see cref="KeptInvocation"/>), as the second pass over a small cycle does, and is marked recursive. What it costs
    /// is its own analysis and the invocations of the members it calls, not the whole cycle's; the cycle is not split into
    /// the smaller cycles the analysis meets (that needs every member's invocation).
    /// </summary>
    private ComposedSummary SummariseInLargeCycle(IMethodSymbol method, IReadOnlyList<IMethodSymbol> cycle)
    {
        CyclePass? enclosing = _cyclePass;
        _cyclePass = new CyclePass(cycle, invocations: null, takesKeptInvocations: true);
        try
        {
            return Store.Add(method, Run(method).Compose(cycle: OthersIn(cycle, method)));
        }
        finally
        {
            _cyclePass = enclosing;
        }
    }

    /// <summary>
    /// The invocation of <paramref name="member"/> of a large cycle (<paramref name="large"/>): its own code, every call
    /// into the cycle cut. Computed once per compilation and kept apart from the summaries: it depends on the member's
    /// code, the cycle's members and the summaries of the methods outside the cycle it calls, not on who asked first.
    /// </summary>
    private ComposedSummary KeptInvocation(IMethodSymbol member, CyclePass large)
    {
        if (Store.TryGetInvocation(member, out ComposedSummary? kept))
        {
            return kept!;
        }

        CyclePass? enclosing = _cyclePass;
        _cyclePass = new CyclePass(large.Members, invocations: null);
        try
        {
            return Store.AddInvocation(member, Run(member).Compose(cycle: OthersIn(large.Members, member)));
        }
        finally
        {
            _cyclePass = enclosing;
        }
    }

    /// <summary>The members of a cycle but <paramref name="member"/>: what a member's summary depends on besides its callees.</summary>
    private static IMethodSymbol[] OthersIn(IEnumerable<IMethodSymbol> cycle, IMethodSymbol member) =>
        cycle.Where(m => !SymbolEqualityComparer.Default.Equals(m, member)).ToArray();

    /// <summary>
    /// Whether <paramref name="method"/> (an original definition) reaches more than <see cref="ExtractionOptions.MaxCalleeReach"/>
    /// methods (<see cref="CallGraph.ReachesMoreThan"/>): a caller then takes it as an opaque call. A count that reads bodies is
    /// metered as a call-graph walk.
    /// </summary>
    public bool ReachesTooMany(IMethodSymbol method)
    {
        // Most calls: answered by an earlier count, not a walk to meter (metering each costs more than the answer).
        ReachVerdict verdict = Store.CallGraph.KnownToReachMoreThan(method, Options.MaxCalleeReach) ?? CountReach(method);

        // The answer is the bodies' the count read, whatever it is (as the throw-helper rule's): an edit that moves the
        // callee across the limit must not leave a model reused from an earlier compilation.
        AddBodiesRead(verdict.BodiesRead);
        return verdict.MoreThan;
    }

    private ReachVerdict CountReach(IMethodSymbol method)
    {
        ISummaryMeter? meter = MeterForMeasurement;
        meter?.Started();
        try
        {
            return Store.CallGraph.ReachesMoreThan(method, Options.MaxCalleeReach, CancellationToken);
        }
        finally
        {
            meter?.Finished(method, SummaryWork.CallGraphWalk);
        }
    }

    /// <summary>The members of the call cycle <paramref name="method"/> is on by the call graph (empty when none).</summary>
    private IReadOnlyList<IMethodSymbol> CycleOf(IMethodSymbol method)
    {
        ISummaryMeter? meter = MeterForMeasurement;
        meter?.Started();
        try
        {
            return Store.CallGraph.CycleOf(method, CancellationToken);
        }
        finally
        {
            meter?.Finished(method, SummaryWork.CallGraphWalk);
        }
    }

    /// <summary>
    /// Summarises the methods of a call graph's cycle (<paramref name="members"/>, <paramref name="entry"/> among
    /// them) and keeps them: each member's own invocation, the cycles the analysis met among them, then each member
    /// of those with one invocation of each member it calls. Returns the entry's.
    /// </summary>
    private ComposedSummary SummariseCycle(IMethodSymbol entry, IReadOnlyList<IMethodSymbol> members)
    {
        CyclePass? enclosing = _cyclePass;
        try
        {
            Dictionary<IMethodSymbol, Invocation> invocations = Invocations(members, earlier: null);
            foreach (IReadOnlyList<IMethodSymbol> cycle in CyclesMet(members, invocations))
            {
                _cyclePass = enclosing;
                if (cycle.Count == 1)
                {
                    // On no cycle: its invocation is its summary unless it cut calls into members kept before it.
                    IMethodSymbol member = cycle[0];
                    Store.Add(member, invocations[member].Cut.Count == 0 ? invocations[member].Summary : Run(member).Compose(cycle: []));
                    continue;
                }

                Dictionary<IMethodSymbol, Invocation> own = cycle.Count == members.Count ? invocations : Invocations(cycle, invocations);
                var taken = new Dictionary<IMethodSymbol, ComposedSummary>(SymbolEqualityComparer.Default);
                foreach (KeyValuePair<IMethodSymbol, Invocation> invocation in own)
                {
                    taken[invocation.Key] = invocation.Value.Summary;
                }

                _cyclePass = new CyclePass(cycle, taken);
                var summaries = new List<(IMethodSymbol Method, ComposedSummary Summary)>(cycle.Count);
                foreach (IMethodSymbol member in cycle)
                {
                    summaries.Add((member, Run(member).Compose(cycle: OthersIn(cycle, member))));
                }

                Store.AddCycle(summaries, cycle[0]);
            }

            Store.TryGet(entry, out ComposedSummary? kept);
            return kept!;
        }
        finally
        {
            _cyclePass = enclosing;
        }
    }

    /// <summary>
    /// The first pass over <paramref name="members"/>: each one's own invocation, every call into them cut, with the
    /// members each cut. An <paramref name="earlier"/> invocation over a larger set is kept where it cut calls only
    /// into these members (nothing else would have differed).
    /// </summary>
    private Dictionary<IMethodSymbol, Invocation> Invocations(IReadOnlyList<IMethodSymbol> members, Dictionary<IMethodSymbol, Invocation>? earlier)
    {
        var pass = new CyclePass(members, invocations: null);
        _cyclePass = pass;
        var invocations = new Dictionary<IMethodSymbol, Invocation>(SymbolEqualityComparer.Default);
        foreach (IMethodSymbol member in members)
        {
            if (earlier is not null && earlier[member] is var known && known.Cut.All(pass.Members.Contains))
            {
                invocations[member] = known;
                continue;
            }

            Frame frame = Run(member);
            invocations[member] = new Invocation(frame.Compose(cycle: []), frame.CutCalls);
        }

        return invocations;
    }

    /// <summary>
    /// The cycles the analysis met among <paramref name="members"/> (by the calls their invocations cut), each in
    /// source order, a cycle after every cycle it calls into (a method on none is a cycle of one).
    /// </summary>
    private List<IReadOnlyList<IMethodSymbol>> CyclesMet(IReadOnlyList<IMethodSymbol> members, Dictionary<IMethodSymbol, Invocation> invocations) =>
        StronglyConnectedComponents.Find<IMethodSymbol>(
                members,
                member => invocations[member].Cut,
                _ => false,
                SymbolEqualityComparer.Default,
                CancellationToken)
            .Select(cycle => (IReadOnlyList<IMethodSymbol>)members.Where(m => cycle.Contains(m, SymbolEqualityComparer.Default)).ToList())
            .ToList();

    /// <summary>Analyses <paramref name="method"/> in a frame of its own; the frame holds the summary and what the analysis did.</summary>
    private Frame Run(IMethodSymbol method)
    {
        ComputingForTesting?.Invoke(method);
        ISummaryMeter? meter = MeterForMeasurement;
        meter?.Started();
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
            meter?.Finished(method, SummaryWork.Summary);
        }

        return frame;
    }

    /// <summary>Adds what a kept summary's computation reported and read, as computing it here would have.</summary>
    private void Take(ComposedSummary kept)
    {
        if (CurrentFrame is { } caller)
        {
            caller.Gaps.Add(kept.GapLog);

            caller.Callees.Add(kept);
            caller.MetInvalidCode |= kept.MetInvalidCode;
            return;
        }

        // The extracted method itself (or a callee of a method analysed outside a frame, as MethodArmCosts does).
        foreach (Gap gap in kept.GapLog.InOrder())
        {
            AddSessionGap(gap);
        }

        MetInvalidCode |= kept.MetInvalidCode;
        _composed ??= kept;
    }

    /// <summary>
    /// Whether a call into <paramref name="method"/> is cut as recursion: it is on the stack, or it is a member of the
    /// cycle in its first pass (the call is noted: the cycles the analysis meets are found by these). In the second
    /// pass a call into the cycle is followed (to the callee's one invocation) and makes the caller recursive.
    /// </summary>
    private bool IsRecursionBottomUp(IMethodSymbol method, bool onStack)
    {
        if (onStack)
        {
            return true;
        }

        if (_cyclePass is { } pass && pass.Members.Contains(method))
        {
            if (pass.CutsCalls)
            {
                CurrentFrame!.NoteCut(method);
                return true;
            }

            _recursive.Add(CurrentFrame!.Method);
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="callee"/>, called recursively, is marked recursive: when it is on the stack (its
    /// invocations repeat); not for a call cut in a cycle's first pass, which prices one invocation.
    /// </summary>
    private bool MarksRecursionBottomUp(IMethodSymbol callee) => ContainsSymbol(_callStack, callee);

    /// <summary>A member's own invocation (every call into its cycle cut), and the members it cut calls to.</summary>
    private sealed record Invocation(ComposedSummary Summary, IReadOnlyList<IMethodSymbol> Cut);

    /// <summary>
    /// The members of the cycle being summarised, and in the second pass over a small cycle each one's own invocation;
    /// for a member of a large cycle, whether calls into it take the kept invocations (<see cref="KeptInvocation"/>).
    /// </summary>
    private sealed class CyclePass(IEnumerable<IMethodSymbol> members, Dictionary<IMethodSymbol, ComposedSummary>? invocations, bool takesKeptInvocations = false)
    {
        public HashSet<IMethodSymbol> Members { get; } = new(members, SymbolEqualityComparer.Default);

        public Dictionary<IMethodSymbol, ComposedSummary>? Invocations { get; } = invocations;

        public bool TakesKeptInvocations { get; } = takesKeptInvocations;

        /// <summary>A first pass: a call into the cycle is cut (its own cost only) and noted.</summary>
        public bool CutsCalls => Invocations is null && !TakesKeptInvocations;
    }

    /// <summary>One summary being computed: what it reported and read so far.</summary>
    private sealed class Frame
    {
        private readonly List<IMethodSymbol> _cut = new();

        public Frame(IMethodSymbol method, int index, int callerOperations, bool callerBudgetExhausted)
        {
            Method = method;
            Index = index;
            CallerOperations = callerOperations;
            CallerBudgetExhausted = callerBudgetExhausted;
        }

        public IMethodSymbol Method { get; }

        /// <summary>The frame's place on the stack.</summary>
        public int Index { get; }

        /// <summary>The caller's operation count and budget state, restored when this frame closes (the budget is per method).</summary>
        public int CallerOperations { get; }

        public bool CallerBudgetExhausted { get; }

        public MethodSummary? Summary { get; set; }

        /// <summary>The gaps reported, the taken summaries' included (by reference: <see cref="GapLog"/>).</summary>
        public GapLog Gaps { get; } = new();

        public HashSet<SyntaxTree> Trees { get; } = new();

        /// <summary>Methods whose bodies the throw-helper and reach rules read (ExtractionSession.ThrowHelpers.cs).</summary>
        public BodiesReadUnion BodiesRead { get; } = new();

        public List<ComposedSummary> Callees { get; } = new();

        /// <summary>The members of the cycle in its first pass this computation cut calls to, each once.</summary>
        public IReadOnlyList<IMethodSymbol> CutCalls => _cut;

        public bool MetInvalidCode { get; set; }

        public void AddGap(Gap gap) => Gaps.Add(gap);

        public void NoteCut(IMethodSymbol member)
        {
            if (!_cut.Contains(member, SymbolEqualityComparer.Default))
            {
                _cut.Add(member);
            }
        }

        public ComposedSummary Compose(IReadOnlyCollection<IMethodSymbol> cycle) =>
            new(Summary!, Gaps, cycle, Trees.ToArray(), Callees.ToArray(), MetInvalidCode) { BodiesRead = BodiesRead.WithRepeats() };
    }
}
