using System;
using System.Collections.Generic;
using System.Linq;
using Pix;

namespace Pix.Runtime.Tests.Measurement;

/// <summary>
/// <see cref="HardwareProfile.AdjustedTo"/>: a profile re-priced for a <see cref="MachineState"/> made of known ratios
/// (<see cref="MachineState.From"/> on made-up timings), so that what it recovers can be checked to the digit.
/// </summary>
public sealed class StateAdjustedProfileTests
{
    private const long L2Chase = 256 << 10;
    private const long L3Chase = 2 << 20;

    /// <summary>Load 1.5 ns; the curve: L1 points below it, an L2 plateau, the 2 MiB point, then memory.</summary>
    private static readonly HardwareProfile Profile = HardwareProfile.Reference
        .With(OperationClass.Load, new OperationCost(1.5, 0.5))
        .WithMemoryLoads(new MemoryLoadLatency[]
        {
            new(16 << 10, 1.4),
            new(64 << 10, 4.0),
            new(L2Chase, 5.0),
            new(1 << 20, 12.0),
            new(L3Chase, 20.0),
            new(4 << 20, 50.0),
            new(8 << 20, 100.0),
        });

    /// <summary>A kernel measured at <paramref name="ratio"/> its price in three rounds (±1%: quartiles tight around it).</summary>
    private static ProbedKernel Kernel(MachineStateKernel kind, double pricedNs, double ratio, long bytes = 0, double spread = 0.01) =>
        new(kind + " " + bytes, pricedNs, null, new[] { pricedNs * ratio * (1 - spread), pricedNs * ratio, pricedNs * ratio * (1 + spread) }, kind, bytes);

    private static MachineState State(double alu, double load, double l2, double l3, HardwareProfile? against = null)
    {
        HardwareProfile p = against ?? Profile;
        return MachineState.From(new[]
        {
            Kernel(MachineStateKernel.MemoryChase, p.LoadNs(L3Chase), l3, L3Chase),
            Kernel(MachineStateKernel.MemoryChase, p.LoadNs(L2Chase), l2, L2Chase),
            Kernel(MachineStateKernel.LoadChain, p.LatencyNs(OperationClass.Load), load),
            Kernel(MachineStateKernel.AluChain, p.LatencyNs(OperationClass.IntegerAlu), alu),
        });
    }

    [Fact]
    public void Known_ratios_are_recovered_at_the_probed_sizes_and_for_the_classes()
    {
        HardwareProfile adjusted = Profile.AdjustedTo(State(alu: 1.5, load: 1.2, l2: 2, l3: 3));

        Assert.Equal(3 * 20.0, adjusted.LoadNs(L3Chase), 9);
        Assert.Equal(2 * 5.0, adjusted.LoadNs(L2Chase), 9);
        Assert.Equal(1.2 * 1.5, adjusted.LatencyNs(OperationClass.Load), 9);
        Assert.Equal(1.2 * 0.5, adjusted.ThroughputNs(OperationClass.Load), 9);
        foreach (OperationClass c in HardwareProfile.AllClasses.Where(c => c != OperationClass.Load))
        {
            Assert.Equal(1.5 * Profile.LatencyNs(c), adjusted.LatencyNs(c), 9);
            Assert.Equal(1.5 * Profile.ThroughputNs(c), adjusted.ThroughputNs(c), 9);
        }

        Assert.Equal(1.5 * Profile.DefaultOpaqueCallNs, adjusted.DefaultOpaqueCallNs, 9);

        // The same timings probed against the re-priced profile read "as priced" at every kernel.
        MachineState again = State(alu: 1.5, load: 1.2, l2: 2, l3: 3, against: Profile);
        HardwareProfile twice = adjusted.AdjustedTo(MachineState.From(again.Kernels.Select(k => new ProbedKernel(
            k.Kernel, k.Kind == MachineStateKernel.MemoryChase ? adjusted.LoadNs(k.WorkingSetBytes) : k.Kind == MachineStateKernel.LoadChain ? adjusted.LatencyNs(OperationClass.Load) : adjusted.LatencyNs(OperationClass.IntegerAlu),
            null, new[] { k.MeasuredNs }, k.Kind, k.WorkingSetBytes)).ToList()));
        Assert.Same(adjusted, twice);
    }

    [Fact]
    public void Between_chases_the_miss_part_scales_by_the_interpolated_scale_and_l1_points_barely_move()
    {
        HardwareProfile adjusted = Profile.AdjustedTo(State(alu: 1, load: 1, l2: 2, l3: 3));

        // Miss scales: at 256 KiB (2·5 − 1.5) / (5 − 1.5), at 2 MiB (3·20 − 1.5) / (20 − 1.5); 1 MiB is 2/3 of the way in log2.
        double m2 = ((2 * 5.0) - 1.5) / (5.0 - 1.5), m3 = ((3 * 20.0) - 1.5) / (20.0 - 1.5);
        double m1MiB = m2 + ((2.0 / 3) * (m3 - m2));
        Assert.Equal(1.5 + (m1MiB * (12.0 - 1.5)), adjusted.LoadNs(1 << 20), 9);
        Assert.Equal(1.5 + (m2 * (4.0 - 1.5)), adjusted.LoadNs(64 << 10), 9);   // in L2, below the smallest chase: its scale
        Assert.Equal(1.4, adjusted.LoadNs(16 << 10), 12);                       // in L1: no miss part to scale
        // Beyond the largest chase: the old price, floored by the re-priced 2 MiB point.
        Assert.Equal(60.0, adjusted.LoadNs(4 << 20), 9);
        Assert.Equal(100.0, adjusted.LoadNs(8 << 20), 12);
        // What a cold load and an L2 hit cost follows the curve.
        Assert.Equal(60.0 - 1.5, adjusted.ColdLoadNs(L3Chase), 9);
    }

    [Fact]
    public void A_state_as_priced_leaves_the_profile_bit_identical()
    {
        Assert.Same(Profile, Profile.AdjustedTo(State(alu: 1, load: 1, l2: 1, l3: 1)));

        // Inside the tolerance, or quartiles that straddle 1, are the probe's noise, not the machine's state.
        HardwareProfile adjusted = Profile.AdjustedTo(State(alu: 1.03, load: 0.97, l2: 1.04, l3: 1.02));
        Assert.Equal(Profile.ToJson(), adjusted.ToJson());
        MachineState straddling = MachineState.From(new[] { Kernel(MachineStateKernel.MemoryChase, 20, 1.3, L3Chase, spread: 0.5) });
        Assert.Equal(Profile.ToJson(), Profile.AdjustedTo(straddling).ToJson());
    }

    [Fact]
    public void A_state_without_memory_probes_leaves_the_memory_prices_alone()
    {
        MachineState chainsOnly = MachineState.From(new[]
        {
            Kernel(MachineStateKernel.LoadChain, 1.5, 1.4),
            Kernel(MachineStateKernel.AluChain, Profile.LatencyNs(OperationClass.IntegerAlu), 1.2),
            new ProbedKernel("chase 2 MiB", null, "the profile has no memory-level curve", new[] { 90.0, 95, 100 }, MachineStateKernel.MemoryChase, L3Chase),
        });

        HardwareProfile adjusted = Profile.AdjustedTo(chainsOnly);

        Assert.Equal(Profile.MemoryLoads, adjusted.MemoryLoads);
        Assert.Equal(1.4 * 1.5, adjusted.LatencyNs(OperationClass.Load), 9);
    }

    [Fact]
    public void A_profile_without_a_curve_keeps_none()
    {
        HardwareProfile noCurve = Profile.WithMemoryLoads(Array.Empty<MemoryLoadLatency>());

        HardwareProfile adjusted = noCurve.AdjustedTo(State(alu: 1, load: 1, l2: 2, l3: 3, against: noCurve));

        Assert.Same(noCurve, adjusted);
        Assert.Throws<ArgumentNullException>(() => noCurve.AdjustedTo(null!));
    }

    [Fact]
    public void The_real_probe_tags_its_kernels_for_repricing()
    {
        MachineState state = MachineState.Probe(Profile);

        Assert.Equal(
            new List<(MachineStateKernel?, long)> { (MachineStateKernel.MemoryChase, L3Chase), (MachineStateKernel.MemoryChase, L2Chase), (MachineStateKernel.LoadChain, 0), (MachineStateKernel.AluChain, 0) },
            state.Kernels.Select(k => (k.Kind, k.WorkingSetBytes)).ToList());
    }
}
