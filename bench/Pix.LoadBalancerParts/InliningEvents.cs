using System;
using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Diagnostics.Tracing;
using System.Linq;

namespace Pix.LoadBalancerParts;

/// <summary>
/// The JIT's own inlining decisions, read in-process from the runtime's <c>MethodJitInliningSucceeded</c> and
/// <c>MethodJitInliningFailed</c> events (keyword <c>JitTracing</c>, 0x1000). Why this and not
/// <c>DOTNET_JitPrintInlinedMethods</c>: that switch exists only in a checked JIT; the release runtime prints nothing
/// for it, but it does raise these events, and the failed one carries the JIT's stated reason.
/// </summary>
internal sealed class InliningEvents : EventListener
{
    private const EventKeywords JitTracing = (EventKeywords)0x1000;

    private readonly string[] _filter;
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Listens for decisions whose inliner, inlinee or compiled method names one of <paramref name="filter"/>.</summary>
    public InliningEvents(string[] filter) => _filter = filter;

    /// <summary>
    /// Writes the decisions seen, in order, once none has arrived for a second (at most ten): the runtime's events
    /// reach an in-process listener through a session its own thread flushes, late, and under load it may drop
    /// some (a site missing from the list was not seen, not inlined).
    /// </summary>
    public void Print()
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (int seen = -1; seen != _lines.Count && waited.Elapsed < TimeSpan.FromSeconds(10);)
        {
            seen = _lines.Count;
            System.Threading.Thread.Sleep(1000);
        }

        foreach (string line in _lines)
        {
            Console.WriteLine(line);
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, JitTracing);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is null || !eventData.EventName.StartsWith("MethodJitInlining", StringComparison.Ordinal)
            || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        ReadOnlyCollection<string> names = eventData.PayloadNames;
        string Field(string name) => names.IndexOf(name) is var i and >= 0 ? eventData.Payload[i]?.ToString() ?? "" : "";
        string compiled = $"{Field("MethodBeingCompiledNamespace")}:{Field("MethodBeingCompiledName")}";
        string inliner = $"{Field("InlinerNamespace")}:{Field("InlinerName")}";
        string inlinee = $"{Field("InlineeNamespace")}:{Field("InlineeName")}";
        if (!_filter.Any(f => compiled.Contains(f, StringComparison.Ordinal) || inliner.Contains(f, StringComparison.Ordinal) || inlinee.Contains(f, StringComparison.Ordinal)))
        {
            return;
        }

        string outcome = eventData.EventName.Contains("Failed", StringComparison.Ordinal)
            ? $"FAILED ({(Field("FailAlways") == "True" ? "always" : "this site")}): {Field("FailReason")}"
            : "inlined";
        _lines.Enqueue($"{compiled} | inliner {inliner} | inlinee {inlinee}{Field("InlineeNameSignature")} | {outcome}");
    }
}
