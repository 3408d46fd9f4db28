using System;

namespace Pix;

/// <summary>
/// One point of a machine's memory-level curve: the latency of a dependent load to a random place in
/// a working set of <see cref="WorkingSetBytes"/> (a pointer chase over a random cyclic permutation
/// of that many bytes), so that a load into a table larger than a cache level pays that level's latency.
/// </summary>
/// <param name="WorkingSetBytes">Bytes the loads are spread over (positive).</param>
/// <param name="LatencyNs">Nanoseconds from one load's address ready to its value ready (finite, non-negative).</param>
public readonly record struct MemoryLoadLatency(long WorkingSetBytes, double LatencyNs)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Describe(WorkingSetBytes)}: {LatencyNs:0.##} ns";

    /// <summary>A size as people write it: 16 KiB, 4 MiB, 1 GiB, or bytes.</summary>
    public static string Describe(long bytes) =>
        bytes >= 1L << 30 && bytes % (1L << 30) == 0 ? $"{bytes >> 30} GiB"
        : bytes >= 1L << 20 && bytes % (1L << 20) == 0 ? $"{bytes >> 20} MiB"
        : bytes >= 1L << 10 && bytes % (1L << 10) == 0 ? $"{bytes >> 10} KiB"
        : FormattableString.Invariant($"{bytes} B");
}
