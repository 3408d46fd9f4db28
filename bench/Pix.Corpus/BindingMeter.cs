using System;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Analysis;

namespace Pix.Corpus;

/// <summary>What binding cost, by who read the bodies: the walk, the throw-helper rule, the call graph.</summary>
internal readonly record struct BindingCost(WorkCost Walk, WorkCost ThrowRule, WorkCost CallGraph)
{
    public WorkCost Total => Walk + ThrowRule + CallGraph;

    public static BindingCost operator -(BindingCost a, BindingCost b) => new(a.Walk - b.Walk, a.ThrowRule - b.ThrowRule, a.CallGraph - b.CallGraph);
}

/// <summary>
/// What the compiler's binding of method bodies cost in one run (<see cref="MethodBodies.MeterForMeasurement"/>): the
/// time, GC pauses and allocation of every body asked of its semantic model, summed by reader. Read before and after an
/// extraction, it says how much of that extraction was Roslyn's binding (the first ask of a body binds it; later asks are
/// a look-up) rather than Pix's analysis, which is what a tail method's time is made of (docs/robustness.md).
/// </summary>
internal sealed class BindingMeter : ISummaryMeter
{
    private long _startedAt;
    private TimeSpan _pausedAt;
    private long _allocatedAt;
    private int _depth;

    /// <summary>Everything bound so far in the run.</summary>
    public BindingCost SoFar { get; private set; }

    public void Started()
    {
        // Not nested in practice (binding a body asks no other body through Pix); the outermost is charged if it ever were.
        if (_depth++ == 0)
        {
            _startedAt = Stopwatch.GetTimestamp();
            _pausedAt = GC.GetTotalPauseDuration();
            _allocatedAt = GC.GetTotalAllocatedBytes(precise: true);
        }
    }

    public void Finished(IMethodSymbol method, SummaryWork work)
    {
        if (--_depth != 0)
        {
            return;
        }

        var cost = new WorkCost(
            Stopwatch.GetElapsedTime(_startedAt),
            GC.GetTotalPauseDuration() - _pausedAt,
            GC.GetTotalAllocatedBytes(precise: true) - _allocatedAt);
        BindingCost so = SoFar;
        SoFar = work switch
        {
            SummaryWork.ThrowRuleBinding => so with { ThrowRule = so.ThrowRule + cost },
            SummaryWork.CallGraphBinding => so with { CallGraph = so.CallGraph + cost },
            _ => so with { Walk = so.Walk + cost },
        };
    }
}
