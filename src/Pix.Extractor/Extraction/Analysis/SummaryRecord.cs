using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Pix.Model;

namespace Pix.Extraction.Analysis;

/// <summary>
/// A method's summary together with everything its analysis read from and did to the
/// <see cref="ExtractionSession"/>, in order. Another extraction on the same compilation can take the
/// summary instead of analysing the method again when every recorded read gives the same answer in
/// its own session (see <c>ExtractionSession.Replay</c>), and then repeats the recorded effects, so
/// that the model is the one a fresh analysis would have built.
/// </summary>
/// <remarks>
/// What a summary depends on besides the code: the call stack (recursion is detected by it), the
/// call depth (deeper calls are not followed), the methods found recursive, the summaries already
/// memoised in the session (a callee is analysed once per session, at the depth it is first met),
/// and the operation budget (an analysis that ran out of it is never recorded).
/// </remarks>
internal sealed class SummaryRecord
{
    public SummaryRecord(MethodSummary summary, IReadOnlyList<SessionEvent> events)
    {
        Summary = summary;
        Events = events;
    }

    public MethodSummary Summary { get; }

    public IReadOnlyList<SessionEvent> Events { get; }
}

/// <summary>One read or effect of an analysis on its session.</summary>
internal abstract class SessionEvent
{
}

/// <summary><paramref name="count"/> operations visited (budget), some of which did not bind when <paramref name="metInvalidCode"/>.</summary>
internal sealed class VisitedEvent(int count, bool metInvalidCode) : SessionEvent
{
    public int Count { get; } = count;

    public bool MetInvalidCode { get; } = metInvalidCode;
}

/// <summary>A gap reported (the session keeps the first of equal gaps).</summary>
internal sealed class GapEvent(Gap gap) : SessionEvent
{
    public Gap Gap { get; } = gap;
}

/// <summary>A syntax tree whose code was bound (what a cached model depends on).</summary>
internal sealed class TreeBoundEvent(SyntaxTree tree) : SessionEvent
{
    public SyntaxTree Tree { get; } = tree;
}

/// <summary>Bodies read to decide whether a call never returns (<see cref="ThrowingMethods"/>): what a cached model depends on.</summary>
internal sealed class BodiesReadEvent(IReadOnlyCollection<IMethodSymbol> methods) : SessionEvent
{
    public IReadOnlyCollection<IMethodSymbol> Methods { get; } = methods;
}

/// <summary>Loop variables numbered (the session numbers them in order).</summary>
internal sealed class LoopVariablesEvent(int count) : SessionEvent
{
    public int Count { get; } = count;
}

/// <summary>Whether <paramref name="method"/> was on the call stack: the answer decides recursion.</summary>
internal sealed class OnStackEvent(IMethodSymbol method, bool answer) : SessionEvent
{
    public IMethodSymbol Method { get; } = method;

    public bool Answer { get; } = answer;
}

/// <summary>Whether the call depth was beyond <see cref="ExtractionOptions.MaxCallDepth"/>.</summary>
internal sealed class BeyondCallDepthEvent(bool answer) : SessionEvent
{
    public bool Answer { get; } = answer;
}

/// <summary>A method marked recursive.</summary>
internal sealed class MarkedRecursiveEvent(IMethodSymbol method) : SessionEvent
{
    public IMethodSymbol Method { get; } = method;
}

/// <summary>Whether a method was known recursive.</summary>
internal sealed class IsRecursiveEvent(IMethodSymbol method, bool answer) : SessionEvent
{
    public IMethodSymbol Method { get; } = method;

    public bool Answer { get; } = answer;
}

/// <summary>
/// A callee's summary obtained (memoised or analysed then): the analysis used <paramref name="callee"/>'s
/// summary <see cref="SummaryRecord.Summary"/>, whose own record says how it was built; null when it
/// has none (then the enclosing record cannot be replayed).
/// </summary>
internal sealed class SummarisedEvent(IMethodSymbol callee, SummaryRecord? record) : SessionEvent
{
    public IMethodSymbol Callee { get; } = callee;

    public SummaryRecord? Record { get; } = record;
}

/// <summary>Collects the events of one method's analysis while it runs.</summary>
internal sealed class SessionRecorder
{
    private readonly List<SessionEvent> _events = new();
    private readonly HashSet<SyntaxTree> _trees = new();
    private int _visits;
    private bool _visitsMetInvalidCode;

    /// <summary>False once the analysis used a summary without a record: its record could not be replayed.</summary>
    public bool Replayable { get; private set; } = true;

    /// <summary>Counts one visited operation; consecutive visits become one event.</summary>
    public void Visited(bool invalid)
    {
        _visits++;
        _visitsMetInvalidCode |= invalid;
    }

    /// <summary>A tree bound by this analysis (once per tree: a replay must add each to the session).</summary>
    public void Bound(SyntaxTree tree)
    {
        if (_trees.Add(tree))
        {
            Add(new TreeBoundEvent(tree));
        }
    }

    public void Add(SessionEvent e)
    {
        FlushVisits();
        Replayable &= e is not SummarisedEvent { Record: null };
        _events.Add(e);
    }

    public SummaryRecord Finish(MethodSummary summary)
    {
        FlushVisits();
        return new SummaryRecord(summary, _events.ToArray());
    }

    private void FlushVisits()
    {
        if (_visits > 0)
        {
            _events.Add(new VisitedEvent(_visits, _visitsMetInvalidCode));
            _visits = 0;
            _visitsMetInvalidCode = false;
        }
    }
}
