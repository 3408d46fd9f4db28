using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.IO;
using System.Linq;

namespace Pix.Corpus;

/// <summary>
/// Which types the process allocates, by the runtime's allocation samples (<c>GCAllocationTick</c>: one event per
/// ~100 KB allocated, naming the type of the object that crossed the mark), so that the bytes an extraction allocates
/// can be put on the types that make them (<c>--alloc-types F</c>). A sample stands for ~100 KB; types sampled rarely
/// are uncertain.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, (long Samples, long Bytes)> _byType = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName != "GCAllocationTick_V4" && e.EventName != "GCAllocationTick_V3" && e.EventName != "GCAllocationTick_V2")
        {
            return;
        }

        string type = e.Payload?[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
        long amount = e.PayloadNames!.IndexOf("AllocationAmount64") is var i and >= 0 ? Convert.ToInt64(e.Payload![i]) : 0;
        lock (_gate)
        {
            _byType.TryGetValue(type, out var so);
            _byType[type] = (so.Samples + 1, so.Bytes + amount);
        }
    }

    public void Write(string path)
    {
        lock (_gate)
        {
            long total = _byType.Values.Sum(v => v.Bytes);
            using var w = new StreamWriter(path);
            w.WriteLine("type\tsamples\tmb\tshare");
            foreach (var (type, (samples, bytes)) in _byType.OrderByDescending(p => p.Value.Bytes))
            {
                w.WriteLine(FormattableString.Invariant($"{type}\t{samples}\t{bytes / 1e6:F1}\t{100.0 * bytes / Math.Max(1, total):F1}%"));
            }
        }
    }
}
