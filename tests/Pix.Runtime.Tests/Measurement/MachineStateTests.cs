using System;
using System.Linq;
using Pix;

namespace Pix.Runtime.Tests.Measurement;

/// <summary>
/// The machine-state probe: ratios, the summary factor and their spreads computed from made-up timings
/// (<see cref="MachineState.From"/>), and what the real probe prices each kernel at (no assertion on its timings).
/// </summary>
public sealed class MachineStateTests
{
    private static ProbedKernel Priced(string name, double pricedNs, params double[] roundNs) => new(name, pricedNs, null, roundNs);

    [Fact]
    public void A_kernels_ratio_is_the_median_of_its_rounds_with_their_quartiles()
    {
        // Ratios 1.0, 1.1, 1.2, 1.3 and 4.0 (one round interrupted): the median is 1.2, not the mean 1.72.
        MachineState state = MachineState.From(new[] { Priced("chase 2 MiB", 2, 2.0, 2.2, 2.4, 2.6, 8.0) });

        KernelRatio chase = Assert.Single(state.Kernels);
        Assert.Equal(2.4, chase.MeasuredNs, 9);
        Assert.Equal(2.0, chase.PricedNs);
        Assert.Equal(1.2, chase.Ratio!.Value, 9);
        Assert.Equal(1.1, chase.LowRatio!.Value, 9);
        Assert.Equal(1.3, chase.HighRatio!.Value, 9);
        Assert.Equal("chase 2 MiB 1.20 (1.10–1.30)", chase.ToString());
    }

    [Fact]
    public void The_factor_is_the_median_over_rounds_of_each_rounds_geometric_mean()
    {
        // Round by round: sqrt(1 x 4) = 2, sqrt(4 x 1) = 2, sqrt(1 x 1) = 1; median 2. Each kernel's own median is 1, so
        // a factor made of the kernels' medians would read 1 and hide the two rounds in which one level was 4x slow.
        MachineState state = MachineState.From(new[]
        {
            Priced("alu chain", 0.5, 0.5, 2.0, 0.5),
            Priced("chase 2 MiB", 10, 40, 10, 10),
        });

        Assert.Equal(2.0, state.Factor!.Value, 9);
        Assert.Equal(1.5, state.LowFactor!.Value, 9);
        Assert.Equal(2.0, state.HighFactor!.Value, 9);
        Assert.Equal(3, state.Rounds);
        Assert.Equal("2.00 (1.50–2.00)", state.FactorText);
    }

    [Fact]
    public void Ratios_multiply_one_level_twice_as_slow_and_one_twice_as_fast_is_a_machine_as_priced()
    {
        MachineState state = MachineState.From(new[] { Priced("alu chain", 1, 2, 2, 2), Priced("load chain", 2, 1, 1, 1) });

        Assert.Equal(1.0, state.Factor!.Value, 9);   // an arithmetic mean would say 1.25
    }

    [Fact]
    public void A_kernel_the_profile_cannot_price_says_why_and_stays_out_of_the_factor()
    {
        MachineState state = MachineState.From(new[]
        {
            new ProbedKernel("chase 2 MiB", null, "the profile has no memory-level curve", new[] { 90.0, 95, 100 }),
            Priced("alu chain", 0.3, 0.33, 0.33, 0.33),
        });

        KernelRatio chase = state.Kernels[0];
        Assert.Null(chase.Ratio);
        Assert.Equal(95, chase.MeasuredNs, 9);
        Assert.Equal("chase 2 MiB not priced (the profile has no memory-level curve)", chase.ToString());
        Assert.Equal(1.1, state.Factor!.Value, 9);
        Assert.StartsWith("factor 1.10 (1.10–1.10) over 3 rounds: chase 2 MiB not priced (the profile has no memory-level curve), alu chain 1.10", state.ToString());
    }

    [Fact]
    public void Without_a_priced_kernel_there_is_no_factor()
    {
        MachineState state = MachineState.From(new[] { new ProbedKernel("chase 2 MiB", null, "the profile has no memory-level curve", new[] { 90.0 }) });

        Assert.Null(state.Factor);
        Assert.Equal("-", state.FactorText);
        Assert.StartsWith("no factor (the profile prices none of the kernels) over 1 rounds", state.ToString());
    }

    [Fact]
    public void Kernels_with_different_numbers_of_rounds_or_a_timing_that_is_not_positive_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MachineState.From(new[] { Priced("a", 1, 1, 1), Priced("b", 1, 1) }));
        Assert.Throws<ArgumentException>(() => MachineState.From(new[] { Priced("a", 1, 1, 0) }));
        Assert.Throws<ArgumentException>(() => MachineState.From(Array.Empty<ProbedKernel>()));
    }

    [Fact]
    public void The_probe_prices_the_calibrations_chains_by_their_classes_and_the_chases_by_the_memory_curve()
    {
        HardwareProfile reference = HardwareProfile.Reference;

        MachineState state = MachineState.Probe(reference);

        Assert.Equal(new[] { "chase 2 MiB", "chase 256 KiB", "load chain", "alu chain" }, state.Kernels.Select(k => k.Kernel));
        Assert.Equal(reference.LoadNs(2 << 20), state.Kernels[0].PricedNs!.Value, 9);   // interpolated: the reference has 256 KiB and 4 MiB
        Assert.Equal(reference.LoadNs(256 << 10), state.Kernels[1].PricedNs!.Value, 9);
        Assert.Equal(reference.LatencyNs(OperationClass.Load), state.Kernels[2].PricedNs!.Value, 9);
        Assert.Equal(reference.LatencyNs(OperationClass.IntegerAlu), state.Kernels[3].PricedNs!.Value, 9);
        Assert.All(state.Kernels, k => Assert.True(k.Ratio > 0 && k.LowRatio <= k.Ratio && k.Ratio <= k.HighRatio, k.ToString()));
        Assert.NotNull(state.Factor);
    }

    [Fact]
    public void Against_a_profile_without_a_memory_curve_or_a_class_priced_at_zero_the_probe_says_so()
    {
        HardwareProfile profile = HardwareProfile.Reference
            .WithMemoryLoads(Array.Empty<MemoryLoadLatency>())
            .With(OperationClass.IntegerAlu, new OperationCost(0, 0));

        MachineState state = MachineState.Probe(profile);

        Assert.Equal("the profile has no memory-level curve", state.Kernels[0].Unpriced);
        Assert.Equal("the profile has no memory-level curve", state.Kernels[1].Unpriced);
        Assert.Equal("the profile prices it at 0 ns", state.Kernels[3].Unpriced);
        Assert.Null(state.Kernels[3].Ratio);
        Assert.NotNull(state.Kernels[2].Ratio);   // the load chain is the one kernel left to price
        Assert.Equal(state.Kernels[2].Ratio, state.Factor);
    }
}
