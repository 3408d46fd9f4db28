using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Pix;

/// <summary>
/// How many operations per clock cycle this thread's core issues right now. On a machine shared
/// with other tenants the same Tier-1 code runs at two speeds from one measurement to the next: code
/// bound by the issue rate (independent operations) slows by up to 2x while code bound by a dependency
/// chain does not, which is what a second hardware thread on the same core causes (it takes issue
/// slots, not latency). The probe measures exactly that ratio, so a measurement can say which speed
/// it ran at.
/// </summary>
/// <remarks>
/// Two kernels of a few hundred microseconds each, compiled fully optimised at once: a chain of
/// dependent one-cycle operations (two per iteration: its iteration time is two cycles, whatever the
/// clock frequency), and twelve independent operations plus the loop's two (fourteen issue slots per
/// iteration). Their ratio gives slots per cycle without knowing the frequency:
/// <c>14 × (chain ns / 2) / streams ns</c>. An idle 4-wide core gives about 4; a core whose other
/// hardware thread is busy gives about half. The figure is a property of the moment, not of the
/// machine: each kernel's fastest of a few repetitions.
/// </remarks>
internal static class IssueRateProbe
{
    private const int Iterations = 100_000;
    private const int Repetitions = 5;
    private const double StreamSlotsPerIteration = 14;   // 12 ALU operations + inc + fused cmp/jcc
    private const double ChainCyclesPerIteration = 2;    // add, xor: one cycle each, dependent

    /// <summary>
    /// Issue slots per cycle measured now, from the fastest of a few timings of each kernel. An
    /// interruption only ever adds time: taking each kernel's fastest keeps one that lands in the chain
    /// kernel from inflating the rate (a median of per-pair ratios let an occasional outlier through,
    /// and one outlier is enough to make every later measurement look shared).
    /// </summary>
    public static double Measure()
    {
        // The first calls compile the kernels: untimed.
        Sink = Chain(16) + Streams(16);
        double chainNs = double.MaxValue;
        double streamsNs = double.MaxValue;
        for (int r = 0; r < Repetitions; r++)
        {
            chainNs = Math.Min(chainNs, TimeNs(static n => Chain(n)));
            streamsNs = Math.Min(streamsNs, TimeNs(static n => Streams(n)));
        }

        return chainNs > 0 && streamsNs > 0 ? StreamSlotsPerIteration * (chainNs / ChainCyclesPerIteration) / streamsNs : 0;
    }

    private static double TimeNs(Func<int, long> kernel)
    {
        long start = Stopwatch.GetTimestamp();
        Sink = kernel(Iterations);
        long ticks = Stopwatch.GetTimestamp() - start;
        return ticks * (1e9 / Stopwatch.Frequency) / Iterations;
    }

    /// <summary>Keeps the kernels' results alive so the JIT cannot drop them.</summary>
    private static long Sink { get; set; }

    // MethodImplOptions.AggressiveOptimization (512): Tier-1 code from the first call.
    [MethodImpl(MethodImplOptions.NoInlining | (MethodImplOptions)512)]
    private static long Chain(int iterations)
    {
        long x = iterations, y = Sink | 1, z = Sink ^ 0x5555;
        for (int i = 0; i < iterations; i++)
        {
            x += y;
            x ^= z;
        }

        return x;
    }

    // The body of the calibrator's `alu12` stream kernel (ThroughputKernels.Alu12), kept apart on purpose:
    // the probe runs between measurements and must be Tier-1 code from its first call, while the
    // calibration kernels tier up during the calibrator's warm-up exactly as the code they price does.
    [MethodImpl(MethodImplOptions.NoInlining | (MethodImplOptions)512)]
    private static long Streams(int iterations)
    {
        long y = Sink | 1, z = Sink ^ 0x5555;
        long a0 = y, a1 = y + 1, a2 = y + 2, a3 = y + 3, a4 = y + 4, a5 = y + 5;
        for (int i = 0; i < iterations; i++)
        {
            a0 += y; a0 ^= z;
            a1 += y; a1 ^= z;
            a2 += y; a2 ^= z;
            a3 += y; a3 ^= z;
            a4 += y; a4 ^= z;
            a5 += y; a5 ^= z;
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }
}
