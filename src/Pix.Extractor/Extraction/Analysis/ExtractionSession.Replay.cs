using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Caching;

namespace Pix.Extraction.Analysis;

internal sealed partial class ExtractionSession
{
    private SessionRecorder? CurrentRecorder => _recorders.Count > 0 ? _recorders[_recorders.Count - 1] : null;

    private void Record(SessionEvent e) => CurrentRecorder?.Add(e);

    /// <summary>
    /// A recorded analysis of <paramref name="method"/> that would come out the same in this session,
    /// with its effects applied here (budget, gaps, trees, memoised callees); null when none applies.
    /// </summary>
    private SummaryRecord? TryReplay(IMethodSymbol method)
    {
        if (!Options.ReuseCalleeSummaries)
        {
            return null;
        }

        foreach (SummaryRecord record in SummaryStore.Find(Compilation, Options, method))
        {
            bool holds = new ReplayCheck(this).Holds(method, record);
            CountsForMeasurement?.Checked(holds);
            if (holds)
            {
                Apply(method, record);
                return record;
            }
        }

        return null;
    }

    /// <summary>Repeats the effects of a record that <see cref="ReplayCheck"/> accepted, in their order.</summary>
    private void Apply(IMethodSymbol method, SummaryRecord record)
    {
        CancellationToken.ThrowIfCancellationRequested();
        // Index loops over the events, here and in ReplayCheck: a foreach over the IReadOnlyList boxed an enumerator per record.
        IReadOnlyList<SessionEvent> events = record.Events;
        for (int i = 0; i < events.Count; i++)
        {
            SessionEvent e = events[i];
            switch (e)
            {
                case VisitedEvent visited:
                    _operationsVisited += visited.Count;
                    CountsForMeasurement?.AddReplayedOperations(visited.Count);
                    MetInvalidCode |= visited.MetInvalidCode;
                    break;
                case GapEvent gap:
                    AddGapUnrecorded(gap.Gap);
                    break;
                case TreeBoundEvent tree:
                    _treesBound.Add(tree.Tree);
                    break;
                case LoopVariablesEvent loops:
                    _nextLoopVariable += loops.Count;
                    break;
                case BodiesReadEvent bodies:
                    _bodiesRead.UnionWith(bodies.Methods);
                    break;
                case MarkedRecursiveEvent recursive:
                    _recursive.Add(recursive.Method);
                    break;
                case SummarisedEvent { Record: { } callee } summarised when !_summaries.ContainsKey(summarised.Callee):
                    Apply(summarised.Callee, callee);
                    break;
            }
        }

        _summaries[method] = record.Summary;
        _records[record.Summary] = record;
    }

    /// <summary>
    /// Decides, without changing the session, whether a fresh analysis here would repeat a record:
    /// walks its events (and those of the callees it would analyse) against the session's state as
    /// the replay would leave it, and checks that every recorded answer is the same and the budget
    /// is not exceeded (the recorded analysis never ran out of it, so then nothing differs).
    /// </summary>
    private sealed class ReplayCheck
    {
        private readonly ExtractionSession _session;
        private readonly List<IMethodSymbol> _stack = new();
        private readonly Dictionary<IMethodSymbol, MethodSummary> _memoised = new(SymbolEqualityComparer.Default);
        private readonly HashSet<IMethodSymbol> _recursive = new(SymbolEqualityComparer.Default);
        private long _visited;
        private bool _failureCounted;

        public ReplayCheck(ExtractionSession session)
        {
            _session = session;
            _visited = session._operationsVisited;
        }

        public bool Holds(IMethodSymbol method, SummaryRecord record)
        {
            _stack.Add(method);
            SessionCounts? counts = CountsForMeasurement;
            IReadOnlyList<SessionEvent> events = record.Events;
            for (int i = 0; i < events.Count; i++)
            {
                SessionEvent e = events[i];
                counts?.ReadEvent();
                bool same = e switch
                {
                    VisitedEvent visited => (_visited += visited.Count) <= _session.Options.MaxOperations,
                    OnStackEvent onStack => onStack.Answer == (OnStack(onStack.Method)),
                    BeyondCallDepthEvent beyond => beyond.Answer == (_session._callStack.Count + _stack.Count > _session.Options.MaxCallDepth),
                    IsRecursiveEvent recursive => recursive.Answer == (_session._recursive.Contains(recursive.Method) || _recursive.Contains(recursive.Method)),
                    MarkedRecursiveEvent marked => _recursive.Add(marked.Method) || true,
                    SummarisedEvent summarised => Summarised(summarised),
                    _ => true,
                };
                if (!same)
                {
                    // Measurement: only the innermost failure is counted (a nested callee's record that fails makes its caller's fail).
                    if (!_failureCounted)
                    {
                        counts?.FailedAt(e, callee: _stack.Count > 1);
                        _failureCounted = true;
                    }

                    return false;
                }
            }

            _stack.RemoveAt(_stack.Count - 1);
            _memoised[method] = record.Summary;
            return true;
        }

        private bool OnStack(IMethodSymbol method) =>
            ContainsSymbol(_session._callStack, method) || ContainsSymbol(_stack, method);

        /// <summary>
        /// A memoised callee must be the very summary the record used; otherwise the session would
        /// analyse the callee now, which must repeat the callee's own record.
        /// </summary>
        private bool Summarised(SummarisedEvent e)
        {
            if (_session._summaries.TryGetValue(e.Callee, out MethodSummary? memoised) || _memoised.TryGetValue(e.Callee, out memoised))
            {
                return ReferenceEquals(memoised, e.Record?.Summary);
            }

            return e.Record is { } record && Holds(e.Callee, record);
        }
    }
}
