using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Caching;
using Pix.Model;

namespace Pix.Extraction.Analysis;

/// <summary>
/// State shared by every method analysed during one <see cref="InterfaceExtractor.Extract"/> call:
/// options, the operation budget, gaps, the call stack (recursion and depth) and the summaries
/// memoised per method. Every read and effect of an analysis on this state goes through a method
/// that records it (<see cref="SummaryRecord"/>), so that later sessions on the same compilation can
/// replay a callee's analysis instead of repeating it (ExtractionSession.Replay.cs). With
/// <see cref="ExtractionOptions.BottomUpSummaries"/> callee summaries are instead composed bottom-up, one per
/// method per compilation (ExtractionSession.BottomUp.cs), and nothing is recorded.
/// </summary>
internal sealed partial class ExtractionSession
{
    private readonly Dictionary<IMethodSymbol, MethodSummary> _summaries = new(SymbolEqualityComparer.Default);
    private readonly List<IMethodSymbol> _callStack = new();
    // Methods found to call themselves (directly or through others) while being analysed.
    private readonly HashSet<IMethodSymbol> _recursive = new(SymbolEqualityComparer.Default);
    private readonly List<Gap> _gaps = new();
    private readonly HashSet<(GapKind Kind, string Construct, string FilePath, int Start, int Length)> _gapKeys = new();
    private readonly HashSet<SyntaxTree> _treesBound = new();
    // The recorder of each method being analysed (innermost last), and the record of each memoised summary.
    private readonly List<SessionRecorder> _recorders = new();
    private readonly Dictionary<MethodSummary, SummaryRecord> _records = new(); // MethodSummary compares by reference
    private int _operationsVisited;
    private int _nextLoopVariable;

    public ExtractionSession(Compilation compilation, ExtractionOptions options, CancellationToken cancellationToken)
    {
        Compilation = compilation;
        Options = options;
        CancellationToken = cancellationToken;
    }

    public Compilation Compilation { get; }

    public ExtractionOptions Options { get; }

    public CancellationToken CancellationToken { get; }

    public IReadOnlyList<Gap> Gaps => _gaps;

    public bool BudgetExhausted { get; private set; }

    /// <summary>
    /// Whether the analysis met code that does not bind (an <see cref="IInvalidOperation"/>). Such a
    /// model is not reused across compilations: half-typed code is about to change, and a generator's
    /// compilation lacks the generated code (a call to a <c>LatencyOf_X</c>) that the analyzers' has.
    /// </summary>
    public bool MetInvalidCode { get; private set; }

    public int NewLoopVariableId()
    {
        if (Options.BottomUpSummaries)
        {
            return Store.NewLoopVariableId();
        }

        Record(new LoopVariablesEvent(1));
        return ++_nextLoopVariable;
    }

    /// <summary>Marks <paramref name="method"/> (an original definition) as calling itself.</summary>
    public void MarkRecursive(IMethodSymbol method)
    {
        if (Options.BottomUpSummaries && !MarksRecursionBottomUp(method))
        {
            return;
        }

        Record(new MarkedRecursiveEvent(method));
        _recursive.Add(method);
    }

    /// <summary>Whether <paramref name="method"/> (an original definition) was found to call itself.</summary>
    public bool IsRecursive(IMethodSymbol method)
    {
        bool answer = _recursive.Contains(method);
        Record(new IsRecursiveEvent(method, answer));
        return answer;
    }

    /// <summary>Whether a call made now is deeper than <see cref="ExtractionOptions.MaxCallDepth"/>.</summary>
    public bool BeyondMaxCallDepth()
    {
        // Composed bottom-up, a summary does not depend on the depth it is met at (ExtractionSession.BottomUp.cs).
        bool answer = !Options.BottomUpSummaries && _callStack.Count > Options.MaxCallDepth;
        Record(new BeyondCallDepthEvent(answer));
        return answer;
    }

    /// <summary>Counts one visited operation; false once the budget is spent (the gap is reported once).</summary>
    public bool Visit(IOperation operation)
    {
        CancellationToken.ThrowIfCancellationRequested();
        bool invalid = operation.Kind == OperationKind.Invalid;
        if (invalid && CurrentFrame is { } frame)
        {
            frame.MetInvalidCode = true;
        }
        else
        {
            MetInvalidCode |= invalid;
        }

        CurrentRecorder?.Visited(invalid);
        if (BudgetExhausted)
        {
            return false;
        }

        if (++_operationsVisited > Options.MaxOperations)
        {
            BudgetExhausted = true;
            AddGap(new Gap(
                GapKind.BudgetExceeded,
                "analysis budget",
                (Options.BottomUpSummaries
                    ? $"The method has more than {Options.MaxOperations} operations of its own (its callees count their own); the rest was not analysed. "
                    : $"The method and its callees have more than {Options.MaxOperations} operations; the rest was not analysed. ") +
                "Split the method, or raise ExtractionOptions.MaxOperations.",
                SourceLocations.Of(operation, "analysis budget")));
            return false;
        }

        CountsForMeasurement?.Walked();
        return true;
    }

    public void AddGap(Gap gap)
    {
        Record(new GapEvent(gap));
        AddGapUnrecorded(gap);
    }

    private void AddGapUnrecorded(Gap gap)
    {
        if (CurrentFrame is { } frame)
        {
            // Composed bottom-up: the frame's summary carries the gap to whoever takes it (ExtractionSession.BottomUp.cs).
            frame.AddGap(gap);
        }
        else
        {
            AddSessionGap(gap);
        }
    }

    private void AddSessionGap(Gap gap)
    {
        // One gap per kind, construct and place, however often the analysis passes there (a tuple, not a
        // formatted string: most gaps are repeats, and formatting each was 2% of Newtonsoft.Json's extraction).
        if (_gapKeys.Add(GapLog.KeyOf(gap)))
        {
            _gaps.Add(gap);
        }
    }

    /// <summary>
    /// Every syntax tree whose code this extraction bound (the method's own and its callees'): a cached
    /// model depends on the bodies of <see cref="MethodsSummarised"/>, and on the whole of any tree here
    /// that holds none of them.
    /// </summary>
    public IReadOnlyCollection<SyntaxTree> TreesBound =>
        _composed is { } composed ? new HashSet<SyntaxTree>(composed.TreesBound()) : _treesBound;

    /// <summary>
    /// Every method summarised in this session, analysed or replayed, and every method whose body the
    /// throw-helper rule read (<see cref="AlwaysThrows"/>): the analysis reads the body of each and of no
    /// other (what a cached model depends on, with <see cref="TreesBound"/> as a check).
    /// </summary>
    public IEnumerable<IMethodSymbol> MethodsSummarised =>
        _composed is { } composed
            ? composed.MethodsSummarised().Concat(_bodiesRead).Distinct(SymbolEqualityComparer.Default).Cast<IMethodSymbol>() // _bodiesRead: the extracted method's reach count
            : _summaries.Keys.Concat(_bodiesRead);

    /// <summary>The semantic model of <paramref name="tree"/>; the one way the analysis reads code, so that it is recorded.</summary>
    public SemanticModel SemanticModel(SyntaxTree tree)
    {
        _treesBound.Add(tree);
        CurrentFrame?.Trees.Add(tree);
        CurrentRecorder?.Bound(tree);

        // Shared across the Extract calls on one compilation: a model keeps the bodies it bound.
        return SemanticModels.Of(Compilation, tree, Options.SkipNullableAnalysis);
    }

    /// <summary>
    /// Whether <paramref name="stack"/> holds <paramref name="method"/>: a loop, not LINQ's Contains with a comparer,
    /// which enumerated the list through a boxed enumerator at every call analysed.
    /// </summary>
    private static bool ContainsSymbol(List<IMethodSymbol> stack, IMethodSymbol method)
    {
        for (int i = 0; i < stack.Count; i++)
        {
            if (SymbolEqualityComparer.Default.Equals(stack[i], method))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsOnStack(IMethodSymbol method)
    {
        bool answer = ContainsSymbol(_callStack, method.OriginalDefinition);
        if (Options.BottomUpSummaries)
        {
            return IsRecursionBottomUp(method.OriginalDefinition, answer);
        }

        Record(new OnStackEvent(method.OriginalDefinition, answer));
        return answer;
    }

    /// <summary>
    /// Analyses <paramref name="method"/> once per session (the summary is memoised), or replays a
    /// recorded analysis of it from an earlier session on the same compilation when that analysis
    /// would come out the same here.
    /// </summary>
    public MethodSummary Summarise(IMethodSymbol method)
    {
        IMethodSymbol key = method.OriginalDefinition;
        if (Options.BottomUpSummaries)
        {
            return SummariseBottomUp(key);
        }

        if (_summaries.TryGetValue(key, out MethodSummary? summary))
        {
            CountsForMeasurement?.TookMemoised();
            Record(new SummarisedEvent(key, _records.TryGetValue(summary, out SummaryRecord? known) ? known : null));
            return summary;
        }

        if (TryReplay(key) is { } replayed)
        {
            CountsForMeasurement?.TookReplayed();
            Record(new SummarisedEvent(key, replayed));
            return replayed.Summary;
        }

        SessionCounts? counts = _callStack.Count == 0 ? CountsForMeasurement : null;
        long allocatedBefore = counts?.BytesSoFar() ?? 0;
        var recorder = new SessionRecorder();
        _callStack.Add(key);
        _recorders.Add(recorder);
        AllocationSites.ForMeasurement?.Enter(AllocationSite.MethodAnalysis);
        try
        {
            summary = new MethodAnalyzer(this, key).Analyze();
        }
        finally
        {
            AllocationSites.ForMeasurement?.Leave();
            _callStack.RemoveAt(_callStack.Count - 1);
            _recorders.RemoveAt(_recorders.Count - 1);
        }

        counts?.SummaryAllocated(counts.BytesSoFar() - allocatedBefore);

        // An analysis cut short by the budget depends on how much of it was left: never replayed.
        SummaryRecord? record = null;
        if (!BudgetExhausted && recorder.Replayable)
        {
            record = recorder.Finish(summary);
            _records[summary] = record;
            if (Options.ReuseCalleeSummaries)
            {
                SummaryStore.Add(Compilation, Options, key, record);
            }
        }

        CountsForMeasurement?.AnalysedMethod(key, recorded: record is not null);
        _summaries[key] = summary;
        Record(new SummarisedEvent(key, record));
        return summary;
    }
}
