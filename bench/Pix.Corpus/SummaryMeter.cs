using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Analysis;

namespace Pix.Corpus;

/// <summary>What one piece of work cost: wall-clock time, GC pauses within it, bytes allocated (every thread).</summary>
internal readonly record struct WorkCost(TimeSpan Elapsed, TimeSpan GcPause, long AllocatedBytes)
{
    public static WorkCost operator +(WorkCost a, WorkCost b) => new(a.Elapsed + b.Elapsed, a.GcPause + b.GcPause, a.AllocatedBytes + b.AllocatedBytes);

    public static WorkCost operator -(WorkCost a, WorkCost b) => new(a.Elapsed - b.Elapsed, a.GcPause - b.GcPause, a.AllocatedBytes - b.AllocatedBytes);
}

/// <summary>
/// Each bottom-up summary's own cost in one run (<see cref="ExtractionSession.MeterForMeasurement"/>): the time and
/// allocation of its computation without the nested computations it triggered (the callee summaries it computed on
/// demand, the call-graph walks), summed over a cycle member's passes; and the walks' own costs. Where an extraction's
/// time says what one call costs in source order (the first to reach a big subtree pays for all of it), this says
/// what analysing one method costs.
/// </summary>
internal sealed class SummaryMeter : ISummaryMeter
{
    private readonly List<Open> _open = new(); // innermost last

    /// <summary>Each summarised method's own cost (original definitions).</summary>
    public Dictionary<IMethodSymbol, WorkCost> Summaries { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Each call-graph walk's own cost and the method it was asked about, in the order they ran.</summary>
    public List<(IMethodSymbol Method, WorkCost Cost)> Walks { get; } = new();

    public void Started() =>
        _open.Add(new Open(Stopwatch.GetTimestamp(), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(precise: true)));

    public void Finished(IMethodSymbol method, SummaryWork work)
    {
        Open started = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        var whole = new WorkCost(
            Stopwatch.GetElapsedTime(started.Timestamp),
            GC.GetTotalPauseDuration() - started.Paused,
            GC.GetTotalAllocatedBytes(precise: true) - started.Allocated);
        if (_open.Count > 0)
        {
            _open[^1].Nested += whole;
        }

        WorkCost own = whole - started.Nested;
        if (work == SummaryWork.CallGraphWalk)
        {
            Walks.Add((method, own));
        }
        else
        {
            Summaries[method] = Summaries.TryGetValue(method, out WorkCost earlier) ? earlier + own : own;
        }
    }

    /// <summary>
    /// What the report needs of the run's summaries, by name: the meter's symbols hold the run's compilation, which must
    /// not outlive the run (docs/robustness.md, "Twenty-seventh session: what a second run's heap holds").
    /// </summary>
    public SummaryCosts Detach() => new(
        Summaries.Select(s => (s.Key.ToDisplayString(), s.Value)).ToList(),
        Walks.Select(w => (w.Method.ToDisplayString(), w.Cost)).ToList());

    private sealed class Open(long timestamp, TimeSpan paused, long allocated)
    {
        public long Timestamp { get; } = timestamp;

        public TimeSpan Paused { get; } = paused;

        public long Allocated { get; } = allocated;

        public WorkCost Nested { get; set; }
    }
}

/// <summary>A run's bottom-up summary costs (<see cref="SummaryMeter.Detach"/>), each under its method's display string.</summary>
internal sealed record SummaryCosts(IReadOnlyList<(string Method, WorkCost Cost)> Summaries, IReadOnlyList<(string Method, WorkCost Cost)> Walks);
