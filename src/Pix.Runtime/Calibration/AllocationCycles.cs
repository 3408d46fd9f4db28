using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Pix.Calibration;

/// <summary>
/// Times a kernel that allocates over whole gen-0 cycles, from one collection to the next, instead of in short
/// batches: the figure is the mean time of a call over the allocations between two collections, the GC's own pauses
/// and interrupted calls left out.
/// </summary>
/// <remarks>
/// What a byte of <c>new byte[n]</c> costs is mostly the allocator's zeroing of memory it hands out again, and that
/// costs whatever the cache level still holding that memory costs: it changes with the position in the gen-0 cycle
/// (the memory a collection frees was last written one whole budget ago) and with the neighbours' memory traffic.
/// Batches of 0.5 ms cover a few percent of a budget of tens of megabytes, so their median and the quietest pass's
/// median picked one position by chance: the <c>alloc 2 KB x4</c> kernel's batches spread 606–974 ns with no collection
/// among them, and <c>AllocatedByte</c> came out 0.054 and 0.037 ns in two calibrations a minute apart (docs/calibration.md).
/// A method timed over many calls goes through the whole budget, again and again; so does a cycle. The pauses are left
/// out (<c>GC.GetTotalPauseDuration</c>) because a method's measured figure is a median of batches, which a
/// collection's batch does not reach while most batches have none, and because a pause (suspending the threads) is
/// the part a loaded machine stretches most.
/// </remarks>
internal static class AllocationCycles
{
    /// <summary>Whole cycles timed per timing: the median of them is the timing's figure.</summary>
    internal const int CyclesPerTiming = 5;

    /// <summary>
    /// A call this many times its cycle's median call was interrupted (the process descheduled, a page fault storm):
    /// it counts as a median call. Zeroing from one cache level or another moves a call by 2x at most here (the tenth
    /// session's 606–974 ns batches; 420 against 750 ns at two gen-0 budgets); being descheduled costs milliseconds.
    /// </summary>
    internal const double InterruptedFactor = 4;

    /// <summary>Once at least one cycle is complete, a timing stops after this long (a large budget at a slow kernel: 50 ms a cycle).</summary>
    private static readonly TimeSpan SoftLimit = TimeSpan.FromMilliseconds(200);

    /// <summary>A timing stops after this long whatever it has (a budget the allocation never exhausts).</summary>
    private static readonly TimeSpan HardLimit = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Nanoseconds per call in each whole cycle: the calls after the one in which a collection happened, up to and
    /// including the one in which the next happened (<paramref name="collectingCalls"/>: indices into
    /// <paramref name="callNs"/>, increasing). Each cycle's figure is the mean of its calls, an interrupted call
    /// (<see cref="InterruptedFactor"/>) counted as the cycle's median call. Calls before the first collection are in
    /// no whole cycle and do not count.
    /// </summary>
    internal static double[] NanosecondsPerCall(IReadOnlyList<double> callNs, IReadOnlyList<int> collectingCalls)
    {
        var perCycle = new List<double>();
        for (int k = 1; k < collectingCalls.Count; k++)
        {
            int first = collectingCalls[k - 1] + 1;
            int count = collectingCalls[k] - collectingCalls[k - 1];
            if (count <= 0)
            {
                continue;
            }

            double[] cycle = Enumerable.Range(first, count).Select(i => callNs[i]).ToArray();
            double median = SampleStatistics.MedianOf(cycle);
            perCycle.Add(cycle.Average(ns => ns > InterruptedFactor * median ? median : ns));
        }

        return perCycle.ToArray();
    }

    /// <summary>
    /// Calls <paramref name="call"/> until the first gen-0 collection, then times each call for up to
    /// <see cref="CyclesPerTiming"/> cycles after it, the GC's pause taken out of the call it fell in (.NET 7 and
    /// later: <c>GC.GetTotalPauseDuration</c>). The result's samples are the cycles' nanoseconds per call (the
    /// delegate call and the clock read, tens of nanoseconds, stay in: a call allocates tens of kilobytes, microseconds);
    /// with fewer than two collections within the hard limit, the one sample is the mean call.
    /// </summary>
    internal static MeasurementResult Measure(Func<long> call)
    {
        var clock = Stopwatch.StartNew();
        var callNs = new List<double>();
        var collectingCalls = new List<int>();
        int startCollections = GC.CollectionCount(0);
        int collections = startCollections;
        double pause = PauseNs();
        long sink = 0;
        double tickNs = 1e9 / Stopwatch.Frequency;
        while (collectingCalls.Count <= CyclesPerTiming
            && clock.Elapsed < HardLimit
            && !(collectingCalls.Count >= 2 && clock.Elapsed >= SoftLimit))
        {
            long before = Stopwatch.GetTimestamp();
            sink += call();
            double ns = (Stopwatch.GetTimestamp() - before) * tickNs;
            int now = GC.CollectionCount(0);
            if (now != collections)
            {
                collections = now;
                double pauseNow = PauseNs();
                ns = Math.Max(0, ns - (pauseNow - pause));
                pause = pauseNow;
                collectingCalls.Add(callNs.Count);
            }

            callNs.Add(ns);
        }

        GC.KeepAlive(sink);
        double[] perCall = NanosecondsPerCall(callNs, collectingCalls);
        if (perCall.Length == 0)
        {
            perCall = new[] { callNs.Average() };
        }

        long callsPerCycle = collectingCalls.Count >= 2
            ? (collectingCalls[collectingCalls.Count - 1] - collectingCalls[0]) / (collectingCalls.Count - 1)
            : callNs.Count;
        return new MeasurementResult(
            SampleStatistics.Of(perCall), callsPerCycle, settled: true, rounds: 1, overheadNs: 0, allocatedBytesPerCall: null,
            TimeSpan.Zero, MeasurementMode.Throughput, issueRate: 0, coreShared: false)
        {
            Gen0Collections = GC.CollectionCount(0) - startCollections,
        };
    }

    // The GC's total pause time so far (.NET 7 and later); without it, a pause stays in its call's time.
#if NET7_0_OR_GREATER
    private static double PauseNs() => GC.GetTotalPauseDuration().Ticks * (1e9 / TimeSpan.TicksPerSecond);
#else
    private static double PauseNs() => 0;
#endif
}
