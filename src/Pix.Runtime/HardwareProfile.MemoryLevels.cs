using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix;

// The memory-level curve: what a load costs when the data it reads is spread over more bytes than the
// first cache level holds. The operation classes price a Load on cache-resident data; a flow table,
// a routing trie or a policer's buckets that do not fit in L1 or L2 pay more per random access.
public sealed partial class HardwareProfile
{
    private MemoryLoadLatency[] _memoryLoads = Array.Empty<MemoryLoadLatency>();
    private double? _memoryLatencyNs;

    /// <summary>
    /// Dependent-load latency by working-set size, smallest set first; empty for a profile without
    /// the curve (then every load is priced as <see cref="OperationClass.Load"/>).
    /// </summary>
    public IReadOnlyList<MemoryLoadLatency> MemoryLoads => Array.AsReadOnly(_memoryLoads);

    /// <summary>
    /// Latency (ns) of one dependent load to a random place in <paramref name="footprintBytes"/> bytes:
    /// the curve interpolated linearly in log2 of the size between measured working sets, the
    /// smallest set's latency below it, the largest's above it. Without a curve, the
    /// <see cref="OperationClass.Load"/> latency (cache-resident data), whatever the size.
    /// </summary>
    /// <remarks>NaN, negative or zero footprints read as the smallest working set: a table has no negative size.</remarks>
    public double LoadNs(double footprintBytes)
    {
        MemoryLoadLatency[] curve = _memoryLoads;
        if (curve.Length == 0)
        {
            return LatencyNs(OperationClass.Load);
        }

        // "!(x > first)" also catches NaN.
        if (!(footprintBytes > curve[0].WorkingSetBytes))
        {
            return curve[0].LatencyNs;
        }

        for (int i = 1; i < curve.Length; i++)
        {
            if (footprintBytes <= curve[i].WorkingSetBytes)
            {
                MemoryLoadLatency low = curve[i - 1], high = curve[i];
                double position = Math.Log(footprintBytes / low.WorkingSetBytes) / Math.Log((double)high.WorkingSetBytes / low.WorkingSetBytes);
                return low.LatencyNs + (position * (high.LatencyNs - low.LatencyNs));
            }
        }

        return curve[curve.Length - 1].LatencyNs;
    }

    /// <summary>A copy of this profile with the memory-level curve replaced (an empty list removes it).</summary>
    /// <exception cref="ArgumentException">Sizes are not positive and strictly increasing, or a latency is negative, NaN or infinite.</exception>
    public HardwareProfile WithMemoryLoads(IEnumerable<MemoryLoadLatency> curve)
    {
        MemoryLoadLatency[] validated = ValidateMemoryLoads(curve ?? throw new ArgumentNullException(nameof(curve)));
        HardwareProfile copy = Copy(Machine, AllClasses.ToDictionary(c => c, c => _costs[(int)c]));
        copy._memoryLoads = validated;
        return copy;
    }

    /// <summary>
    /// What one load memory serves costs in all (the load included) when its page's translation is in the TLB: the
    /// calibration's memory-latency kernel (a lap of a random chase over 2 MiB after the caches were emptied). Null on
    /// a profile calibrated before the kernel existed: such a profile prices a load memory served at the curve's
    /// plateau (<see cref="MemoryPlateauNs"/>), as Pix did before.
    /// </summary>
    public double? MemoryLatencyNs => _memoryLatencyNs;

    /// <summary>A copy of this profile with the walk-free memory latency replaced (null removes it: memory loads then price at the curve's plateau).</summary>
    /// <exception cref="ArgumentException">The latency is negative, NaN or infinite.</exception>
    public HardwareProfile WithMemoryLatency(double? latencyNs)
    {
        if (latencyNs is { } ns)
        {
            ValidateCost("a load served by memory", ns);
        }

        HardwareProfile copy = WithMemoryLoads(_memoryLoads);
        copy._memoryLatencyNs = latencyNs;
        return copy;
    }

    private static MemoryLoadLatency[] ValidateMemoryLoads(IEnumerable<MemoryLoadLatency> curve)
    {
        MemoryLoadLatency[] points = curve.ToArray();
        for (int i = 0; i < points.Length; i++)
        {
            if (points[i].WorkingSetBytes <= 0)
            {
                throw new ArgumentException($"Memory-level working sets must be positive numbers of bytes; point {i} has {points[i].WorkingSetBytes}.", nameof(curve));
            }

            if (i > 0 && points[i].WorkingSetBytes <= points[i - 1].WorkingSetBytes)
            {
                throw new ArgumentException(
                    $"Memory-level working sets must be strictly increasing; point {i} ({points[i].WorkingSetBytes} bytes) follows {points[i - 1].WorkingSetBytes} bytes.", nameof(curve));
            }

            ValidateCost($"a load into {MemoryLoadLatency.Describe(points[i].WorkingSetBytes)}", points[i].LatencyNs);
        }

        return points;
    }
}
