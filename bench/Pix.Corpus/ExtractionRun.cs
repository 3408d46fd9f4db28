using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.ExceptionServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Extraction.Analysis;
using Pix.Model;

namespace Pix.Corpus;

/// <summary>What extracting one method produced.</summary>
/// <param name="Model">The interface, or null when the extractor threw.</param>
/// <param name="Failure">The exception that escaped the extractor, or null.</param>
/// <param name="Elapsed">Wall-clock time of the one <see cref="InterfaceExtractor.Extract"/> call.</param>
/// <param name="InternalErrorStack">
/// For a model with an <see cref="GapKind.InternalError"/> gap (an exception the extractor caught and turned
/// into PIX0006), the full stack where it was thrown: the gap itself keeps only the first frame.
/// </param>
/// <param name="AllocatedBytes">
/// Bytes the extraction allocated on its thread: a measure of its work that, unlike
/// <paramref name="Elapsed"/>, does not depend on the machine's load.
/// </param>
/// <param name="GcPause">
/// Time the runtime was paused for garbage collection during the call: part of <paramref name="Elapsed"/>,
/// but a pause pays for everything allocated since the last one, by this method or earlier ones.
/// </param>
/// <param name="Jit">
/// What the JIT compiled during the call (every thread): methods and time. Zero for code that ran precompiled
/// (ReadyToRun) or had run before; a compiler in a real build runs Roslyn precompiled (<see cref="CodeImages"/>).
/// </param>
/// <param name="OwnSummary">
/// With bottom-up summaries, what computing this method's own summary cost in the run, without the nested summaries it
/// computed (<see cref="SummaryMeter"/>); null when the run computed none for it (or the mode is off).
/// </param>
/// <param name="Binding">
/// What the compiler's binding of the bodies the call read cost within it, by reader (<see cref="BindingMeter"/>): part
/// of <paramref name="Elapsed"/> and <paramref name="AllocatedBytes"/>, Roslyn's rather than Pix's.
/// </param>
/// <param name="Collections">The garbage collections during the call (<see cref="GcState"/>): all of them (gen 0 and up), those of gen 1 and up, of gen 2, and the full blocking ones.</param>
/// <param name="Session">What the depth-bounded session did, by count (<see cref="SessionWork"/>).</param>
/// <param name="Sites">With <c>--alloc-sites</c>, the call's bytes by the site that allocated them (<see cref="AllocationSites"/>); else null.</param>
internal sealed record MethodOutcome(MethodKey Target, InterfaceModel? Model, Exception? Failure, TimeSpan Elapsed, long AllocatedBytes, TimeSpan GcPause, string? InternalErrorStack = null, WorkCost? OwnSummary = null, JitWork Jit = default, BindingCost Binding = default, GcState Collections = default, SessionWork Session = default, IReadOnlyDictionary<string, long>? Sites = null)
{
    /// <summary>True when extraction failed: an exception escaped, or the extractor caught one (PIX0006).</summary>
    public bool Failed => Failure is not null || Model?.IsInternalError == true;
}

/// <summary>Extracts every target once, timing each call with a <see cref="Stopwatch"/>.</summary>
internal static class ExtractionRun
{
    /// <summary>Set by <c>--alloc-sites</c>: each extraction's bytes are put on sites (<see cref="AllocationSites"/>).</summary>
    public static bool MeasureAllocationSites { get; set; }

    /// <summary>
    /// Extracts every target once; with a <paramref name="meter"/> (bottom-up summaries), also each summary's own cost,
    /// given to its method's outcome.
    /// </summary>
    public static List<MethodOutcome> Run(IEnumerable<MethodTarget> targets, Compilation compilation, ExtractionOptions options, CancellationToken ct, SummaryMeter? meter = null)
    {
        ExtractionSession.MeterForMeasurement = meter;
        var binding = new BindingMeter();
        MethodBodies.MeterForMeasurement = binding;
        var counts = new SessionCounts { AllocatedBytes = GC.GetAllocatedBytesForCurrentThread };
        ExtractionSession.CountsForMeasurement = counts;
        AllocationSites.ForMeasurement = MeasureAllocationSites ? new AllocationSites(GC.GetAllocatedBytesForCurrentThread) : null;
        try
        {
            List<MethodTarget> list = targets.ToList();
            GcState before = GcState.Now();
            List<MethodOutcome> outcomes = RunAll(list, compilation, options, ct, binding);
            Console.Error.WriteLine(GcState.Describe(GcState.Now() - before));
            // What the run's replay checks failed on, and what the extracted methods' walks allocated (their callees' and binding included).
            Console.Error.WriteLine(
                $"session work: {counts.BytesInSummaries / 1e6:F1} MB allocated in the extracted methods' summaries; replay checks failed on "
                + string.Join(", ", counts.FailedOn.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}")));
            return meter is null
                ? outcomes
                : outcomes.Select((o, i) => meter.Summaries.TryGetValue(list[i].Symbol.OriginalDefinition, out WorkCost own) ? o with { OwnSummary = own } : o).ToList();
        }
        finally
        {
            ExtractionSession.MeterForMeasurement = null;
            MethodBodies.MeterForMeasurement = null;
            ExtractionSession.CountsForMeasurement = null;
            AllocationSites.ForMeasurement = null;
        }
    }

    private static List<MethodOutcome> RunAll(IEnumerable<MethodTarget> targets, Compilation compilation, ExtractionOptions options, CancellationToken ct, BindingMeter binding)
    {
        var outcomes = new List<MethodOutcome>();
        var stopwatch = new Stopwatch();
        var thrown = new List<(string Type, string Stack)>();
        void Record(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (Volatile.Read(ref s_recording) && Environment.CurrentManagedThreadId == s_thread)
            {
                thrown.Add((e.Exception.GetType().Name, Environment.StackTrace));
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Record;
        try
        {
            foreach (MethodTarget target in targets)
            {
                InterfaceModel? model = null;
                Exception? failure = null;
                thrown.Clear();
                s_thread = Environment.CurrentManagedThreadId;
                Volatile.Write(ref s_recording, true);
                GcState collectionsBefore = GcState.Now(); // first: reading the full blocking count allocates, which is not the method's
                long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true); // every thread: a deep summary may be computed on a fresh stack (ExtractionSession.BottomUp.cs)
                TimeSpan pausedBefore = GC.GetTotalPauseDuration();
                JitWork jitBefore = JitWork.SoFar();
                BindingCost boundBefore = binding.SoFar;
                SessionWork sessionBefore = SessionWork.Of(ExtractionSession.CountsForMeasurement!);
                AllocationSites? sites = AllocationSites.ForMeasurement;
                sites?.Clear();
                sites?.Begin();
                stopwatch.Restart();
                try
                {
                    model = InterfaceExtractor.Extract(target.Symbol, compilation, options, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The one place a broad catch is right: the harness exists to count these (target: 0).
                    failure = e;
                }

                stopwatch.Stop();
                sites?.End();
                TimeSpan paused = GC.GetTotalPauseDuration() - pausedBefore;
                JitWork jit = JitWork.SoFar() - jitBefore;
                long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                Volatile.Write(ref s_recording, false);
                string? stack = model?.Gaps.FirstOrDefault(g => g.Kind == GapKind.InternalError) is { } gap
                    ? thrown.LastOrDefault(t => t.Type == gap.Construct).Stack
                    : null;
                outcomes.Add(new MethodOutcome(target.Detached, model, failure, stopwatch.Elapsed, allocated, paused, stack, Jit: jit, Binding: binding.SoFar - boundBefore,
                    Collections: GcState.Now() - collectionsBefore,
                    Session: SessionWork.Of(ExtractionSession.CountsForMeasurement!) - sessionBefore,
                    Sites: sites is null ? null : new Dictionary<string, long>(sites.Bytes, StringComparer.Ordinal)));
            }
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Record;
        }

        return outcomes;
    }

    private static bool s_recording;
    private static int s_thread;
}
