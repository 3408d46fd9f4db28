using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Analysis;

namespace Pix.Extraction.Caching;

/// <summary>
/// The summaries composed bottom-up in one compilation (<see cref="ExtractionOptions.BottomUpSummaries"/>):
/// one per method, computed by whichever extraction needs it first and taken as it is by every later
/// one. A summary is added only once its computation finished (a cancelled one never is). Extractions
/// run concurrently (the analyzers do): two threads that need the same summary at once may both compute
/// it; they compute equal summaries, and the store keeps the first (a cycle's members as one).
/// </summary>
internal sealed class ComposedSummaryStore
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ExtractionOptions, ComposedSummaryStore>> s_byCompilation = new();

    // A plain dictionary under a lock: the members of a cycle are added together, and a reader sees all or none.
    private readonly Dictionary<IMethodSymbol, ComposedSummary> _summaries = new(SymbolEqualityComparer.Default);
    // The invocations of the members of large cycles (ExtractionOptions.MaxCycleMembers), under the same lock.
    private readonly Dictionary<IMethodSymbol, ComposedSummary> _invocations = new(SymbolEqualityComparer.Default);
    private int _loopVariables;

    /// <summary>
    /// The store shared by every extraction on <paramref name="compilation"/> with <paramref name="options"/>;
    /// with <see cref="ExtractionOptions.ReuseCalleeSummaries"/> off, a store of one extraction's own (to check
    /// that sharing changes no model).
    /// </summary>
    public static ComposedSummaryStore For(Compilation compilation, ExtractionOptions options) =>
        options.ReuseCalleeSummaries
            ? s_byCompilation.GetValue(compilation, static _ => new()).GetOrAdd(options, _ => new ComposedSummaryStore(compilation, options))
            : new ComposedSummaryStore(compilation, options);

    private ComposedSummaryStore(Compilation compilation, ExtractionOptions options)
    {
        CallGraph = new CallGraph(compilation, options.SkipNullableAnalysis);
    }

    /// <summary>The compilation's call cycles, found as the summaries need them (kept as long as the summaries are).</summary>
    public CallGraph CallGraph { get; }

    public bool TryGet(IMethodSymbol method, out ComposedSummary? summary) => TryGet(_summaries, method, out summary);

    /// <summary>Keeps <paramref name="summary"/> unless another thread kept one first; returns the one kept.</summary>
    public ComposedSummary Add(IMethodSymbol method, ComposedSummary summary) => Add(_summaries, method, summary);

    /// <summary>The kept invocation of a member of a large cycle (its own code, calls into the cycle cut).</summary>
    public bool TryGetInvocation(IMethodSymbol member, out ComposedSummary? invocation) => TryGet(_invocations, member, out invocation);

    /// <summary>Keeps <paramref name="invocation"/> unless another thread kept one first; returns the one kept.</summary>
    public ComposedSummary AddInvocation(IMethodSymbol member, ComposedSummary invocation) => Add(_invocations, member, invocation);

    private bool TryGet(Dictionary<IMethodSymbol, ComposedSummary> kept, IMethodSymbol method, out ComposedSummary? summary)
    {
        lock (_summaries)
        {
            return kept.TryGetValue(method, out summary);
        }
    }

    private ComposedSummary Add(Dictionary<IMethodSymbol, ComposedSummary> kept, IMethodSymbol method, ComposedSummary summary)
    {
        lock (_summaries)
        {
            if (kept.TryGetValue(method, out ComposedSummary? first))
            {
                return first;
            }

            kept.Add(method, summary);
            return summary;
        }
    }

    /// <summary>
    /// Keeps the summaries of a cycle's members together, unless another thread kept them first (then its are
    /// kept, whole); returns the one kept for <paramref name="entry"/>.
    /// </summary>
    public ComposedSummary AddCycle(IReadOnlyList<(IMethodSymbol Method, ComposedSummary Summary)> members, IMethodSymbol entry)
    {
        lock (_summaries)
        {
            if (!_summaries.ContainsKey(entry))
            {
                foreach (var (method, summary) in members)
                {
                    _summaries[method] = summary;
                }
            }

            return _summaries[entry];
        }
    }

    /// <summary>
    /// A loop variable number unique in the compilation: a kept summary's loop variables are numbered by
    /// the extraction that computed it, and must not meet equal numbers in a caller's analysis.
    /// </summary>
    public int NewLoopVariableId() => Interlocked.Increment(ref _loopVariables);
}
