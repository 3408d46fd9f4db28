using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix;

// Re-pricing a profile for the machine's state now (an opt-in, deployment-specific prediction): a profile is
// calibrated once, but on a shared host the memory levels beyond L1 change speed over minutes (the fifteenth session's
// probes read a 2 MiB chase at 2-4x its price minutes after calibrating, the ALU and L1 chains at 1.02-1.07). A short
// MachineState probe measures the levels now; this copies the profile with each level's price scaled by its ratio.
public sealed partial class HardwareProfile
{
    /// <summary>
    /// A copy of this profile re-priced for the machine's state <paramref name="state"/> (a <see cref="MachineState.Probe"/>
    /// against this profile). Only ratios distinguishable from 1 (<see cref="KernelRatio.DistinguishableRatio"/>) move a
    /// price; with none, this profile itself is returned.
    /// <list type="bullet">
    /// <item>The ALU chain's ratio (the clock) scales every class's latency and throughput and the opaque call costs,
    /// except <see cref="OperationClass.Load"/>, which the L1 load chain's ratio scales.</item>
    /// <item>The memory chases re-price the memory-level curve: each point is an L1 part (up to the Load latency, scaled
    /// with Load) and a miss part above it (what <see cref="ColdLoadNs"/> prices), and the miss part is scaled so that
    /// the curve at a chased size is the chase's ratio times its old price, exactly. Between chased sizes the miss scale
    /// is interpolated linearly in log2 of the size; below the smallest chase it is that chase's (points in L1 have
    /// almost no miss part, points between L1 and that chase are in its level). Beyond the largest chase the probe
    /// measured nothing: a point keeps its miss part, but never prices below the re-priced largest chase (a larger
    /// working set is not served faster than a smaller one). Without a distinguishable chase the curve is kept.</item>
    /// </list>
    /// Everything derived from the curve follows (<see cref="LoadNs"/>, <see cref="ColdLoadNs"/>, <see cref="L2HitNs"/>);
    /// the machine description and the issue width are kept.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    public HardwareProfile AdjustedTo(MachineState state)
    {
        if (state is null)
        {
            throw new ArgumentNullException(nameof(state));
        }

        double alu = StateRatio(state, MachineStateKernel.AluChain) ?? 1;
        double l1 = StateRatio(state, MachineStateKernel.LoadChain) ?? 1;
        double loadNs = LatencyNs(OperationClass.Load);
        (long Bytes, double MissScale)[] chases = _memoryLoads.Length == 0 ? Array.Empty<(long, double)>() : MissScales(state, loadNs, l1);
        if (alu == 1 && l1 == 1 && chases.Length == 0)
        {
            return this;
        }

        var costs = AllClasses.ToDictionary(c => c, c => Scaled(_costs[(int)c], c == OperationClass.Load ? l1 : alu));
        var opaque = _opaque.ToDictionary(p => p.Key, p => p.Value * alu, StringComparer.Ordinal);
        return new HardwareProfile(Name, Machine, costs, opaque, DefaultOpaqueCallNs * alu)
        {
            _memoryLoads = RepricedCurve(loadNs, l1, chases),
            _issueWidth = _issueWidth,
        };
    }

    /// <summary>The distinguishable ratio of the state's kernel of <paramref name="kind"/> (the first, if several); null when none.</summary>
    private static double? StateRatio(MachineState state, MachineStateKernel kind) =>
        state.Kernels.FirstOrDefault(k => k.Kind == kind && k.DistinguishableRatio is not null)?.DistinguishableRatio;

    /// <summary>
    /// Per distinguishable memory chase, smallest set first, the scale of the curve's miss part that makes the re-priced
    /// curve at its size its ratio times the old price: <c>l1·Load + m·(old − Load) = ratio·old</c>, m never below 0. A
    /// chase whose old price has no miss part (at or below the Load latency) has nothing to scale and is left out.
    /// </summary>
    private (long Bytes, double MissScale)[] MissScales(MachineState state, double loadNs, double l1) =>
        state.Kernels
            .Where(k => k.Kind == MachineStateKernel.MemoryChase && k.WorkingSetBytes > 0 && k.DistinguishableRatio is not null)
            .Select(k => (Bytes: k.WorkingSetBytes, Ratio: k.DistinguishableRatio!.Value, Old: LoadNs(k.WorkingSetBytes)))
            .Where(k => k.Old > loadNs)
            .GroupBy(k => k.Bytes)
            .Select(g => g.First())
            .OrderBy(k => k.Bytes)
            .Select(k => (k.Bytes, Math.Max(0, ((k.Ratio * k.Old) - (l1 * loadNs)) / (k.Old - loadNs))))
            .ToArray();

    private MemoryLoadLatency[] RepricedCurve(double loadNs, double l1, (long Bytes, double MissScale)[] chases)
    {
        // Without a chase the probe measured nothing beyond L1: the curve is kept (a cold load still costs its point; only
        // the Load it is counted as moves).
        MemoryLoadLatency[] curve = _memoryLoads;
        if (chases.Length == 0)
        {
            return curve;
        }

        double Repriced(double oldNs, double missScale) => (l1 * Math.Min(oldNs, loadNs)) + (missScale * Math.Max(0, oldNs - loadNs));
        var repriced = new MemoryLoadLatency[curve.Length];
        for (int i = 0; i < curve.Length; i++)
        {
            MemoryLoadLatency point = curve[i];
            double ns;
            if (point.WorkingSetBytes > chases[chases.Length - 1].Bytes)
            {
                (long largest, double largestScale) = chases[chases.Length - 1];
                ns = Math.Max(Repriced(point.LatencyNs, 1), Repriced(LoadNs(largest), largestScale));
            }
            else
            {
                ns = Repriced(point.LatencyNs, MissScaleAt(chases, point.WorkingSetBytes));
            }

            repriced[i] = point with { LatencyNs = ns };
        }

        return repriced;
    }

    /// <summary>The miss scale at <paramref name="bytes"/> (at most the largest chase's size): linear in log2 of the size between chases, the smallest chase's below it.</summary>
    private static double MissScaleAt((long Bytes, double MissScale)[] chases, long bytes)
    {
        if (bytes <= chases[0].Bytes)
        {
            return chases[0].MissScale;
        }

        int i = 1;
        while (bytes > chases[i].Bytes)
        {
            i++;
        }

        (long lowBytes, double low) = chases[i - 1];
        (long highBytes, double high) = chases[i];
        double position = Math.Log((double)bytes / lowBytes) / Math.Log((double)highBytes / lowBytes);
        return low + (position * (high - low));
    }

    private static OperationCost Scaled(OperationCost cost, double factor) =>
        factor == 1 ? cost : new OperationCost(cost.Latency * factor, cost.Throughput * factor);
}
