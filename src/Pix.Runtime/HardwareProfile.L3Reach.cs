using System;

namespace Pix;

// How far the last cache level reaches, read from the memory-level curve rather than from the machine's description:
// on a VM, or a host whose L3 other tenants share, sysfs names the L3 the package has (32 MiB on the EPYC these samples
// were measured on) while the curve steps at 2–16 MiB, depending on how busy the neighbours were during calibration.
// What a cold load costs follows the curve, so the level's reach must too.
public sealed partial class HardwareProfile
{
    /// <summary>
    /// The working set (bytes) at which the memory-level curve, beyond L2, is halfway (geometrically) between its L3 level
    /// (the curve at twice the L2) and its largest point (memory, page walks included): the last cache level's effective
    /// reach on this machine as calibrated, interpolated in log2 of the size between the curve's points. A random chase
    /// over <c>W</c> bytes through a cache of <c>C</c> bytes hits it about <c>C / W</c> of the time, so the latency there
    /// is halfway when about three quarters hit: the reach is slightly above the capacity the chase keeps, not far from it.
    /// Null (no third level known) on a profile without <see cref="MachineDescription.L2CacheBytes"/> or without a curve,
    /// or when the curve never rises that far beyond L2 (it measured no memory level).
    /// </summary>
    public double? EffectiveL3Bytes
    {
        get
        {
            MemoryLoadLatency[] curve = _memoryLoads;
            if (Machine.L2CacheBytes is not { } l2Bytes || l2Bytes <= 0 || curve.Length == 0)
            {
                return null;
            }

            double from = 2.0 * l2Bytes;
            double l3Level = LoadNs(from);
            double memoryLevel = curve[curve.Length - 1].LatencyNs;
            if (!(memoryLevel > l3Level) || l3Level <= 0)
            {
                return null;
            }

            double halfway = Math.Sqrt(l3Level * memoryLevel);
            double lowBytes = from, lowNs = l3Level;
            foreach (MemoryLoadLatency point in curve)
            {
                if (point.WorkingSetBytes <= from)
                {
                    continue;
                }

                if (point.LatencyNs >= halfway)
                {
                    double position = (halfway - lowNs) / (point.LatencyNs - lowNs);
                    return lowBytes * Math.Pow(point.WorkingSetBytes / lowBytes, position);
                }

                (lowBytes, lowNs) = (point.WorkingSetBytes, point.LatencyNs);
            }

            return null;
        }
    }

    /// <summary>
    /// What one load served by memory costs in all (the load included): the curve at four times
    /// <see cref="EffectiveL3Bytes"/>, where a random chase misses the last cache level three times in four or more
    /// while the page walks of the curve's largest sets (hundreds of MiB) do not yet dominate. Null when
    /// <see cref="EffectiveL3Bytes"/> is.
    /// </summary>
    public double? MemoryPlateauNs => EffectiveL3Bytes is { } l3Bytes ? LoadNs(4 * l3Bytes) : null;

    /// <summary>
    /// The working set (bytes) from which the memory-level curve reads more than <see cref="MemoryLatencyNs"/>, a load
    /// memory serves without a page walk: where its chase, a load per line spread over that many bytes, must be paying
    /// walks, so where the TLB's reach has ended as the curve shows it (interpolated in log2 of the size, as
    /// <see cref="LoadNs"/> reads the curve). An upper bound: a curve point beyond the reach that the last cache level
    /// still serves in part reads less than memory with its walks. Null without the latency or a curve, or when the
    /// curve never reads more than it (no walks measured).
    /// </summary>
    public double? PageWalkOnsetBytes
    {
        get
        {
            MemoryLoadLatency[] curve = _memoryLoads;
            if (_memoryLatencyNs is not { } walkFreeNs || curve.Length == 0)
            {
                return null;
            }

            if (curve[0].LatencyNs > walkFreeNs)
            {
                return curve[0].WorkingSetBytes;
            }

            for (int i = 1; i < curve.Length; i++)
            {
                if (curve[i].LatencyNs > walkFreeNs)
                {
                    MemoryLoadLatency low = curve[i - 1], high = curve[i];
                    double position = (walkFreeNs - low.LatencyNs) / (high.LatencyNs - low.LatencyNs);
                    return low.WorkingSetBytes * Math.Pow((double)high.WorkingSetBytes / low.WorkingSetBytes, position);
                }
            }

            return null;
        }
    }
}
