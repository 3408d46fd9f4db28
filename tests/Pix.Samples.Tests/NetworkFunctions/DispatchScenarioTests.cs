using System;
using Pix.Samples.NetworkFunctions.Driver;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>The driver's share of a timed packet, measured apart so that it can be subtracted.</summary>
public class DispatchScenarioTests
{
    [Fact]
    public void The_empty_scenario_replays_the_functions_packets_and_has_no_interface()
    {
        Scenario nat = ScenarioCatalog.Create("nat", "typical", seed: 5);
        var dispatch = new DispatchScenario(nat);

        Assert.Same(nat.Workload, dispatch.Workload);
        Assert.Equal("dispatch of nat", dispatch.NetworkFunction);
        Assert.Empty(dispatch.PcvNames);
        Assert.Null(dispatch.PredictAll(HardwareProfile.Reference, dispatch.TracePcvs()));
        Assert.Null(dispatch.Explain(dispatch.Workload.SetupCount, HardwareProfile.Reference, ReadOnlySpan<int>.Empty));
    }

    [Fact]
    public void Timing_the_empty_scenario_gives_one_finite_latency_per_measured_packet()
    {
        Scenario policer = ScenarioCatalog.Create("policer", "burst", seed: 5);

        PerPacketResult result = PerPacketMeasurement.Run(new DispatchScenario(policer), TimeSpan.Zero, repetitions: 1);

        Assert.Equal(policer.Workload.Count - policer.Workload.SetupCount, result.PerPacketNs.Length);
        Assert.All(result.PerPacketNs, ns => Assert.True(ns >= 0 && double.IsFinite(ns)));
    }

    [Theory]
    [InlineData(0, 128)]
    [InlineData(1, 64)]
    public void Touching_headers_reads_one_byte_per_line_and_the_last_header_byte(int index, int headerBytes)
    {
        Workload workload = ScenarioCatalog.Create("router", "typical", seed: 5).Workload;
        ReadOnlySpan<byte> packet = workload.Packet(index);
        int end = Math.Min(packet.Length, headerBytes);
        int expected = packet[end - 1];
        for (int i = 0; i < end; i += 64)
        {
            expected += packet[i];
        }

        Assert.Equal(expected, workload.TouchHeaders(index, headerBytes));
    }
}
