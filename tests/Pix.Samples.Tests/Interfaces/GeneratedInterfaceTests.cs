using System;
using System.Linq;
using System.Reflection;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Policer;
using Pix.Samples.NetworkFunctions.Router;
using Pix.Samples.NetworkFunctions.Translation;
using Pix.Samples.NetworkFunctions.Workloads;
using Pix.Samples.Tests.NetworkFunctions;

namespace Pix.Samples.Tests.Interfaces;

/// <summary>
/// Calls the interfaces Pix generated into the sample assembly (the sample's build ran the
/// generator), through the same run-time binding the driver uses.
/// </summary>
public class GeneratedInterfaceTests
{
    private delegate Latency NatInterface(ReadOnlySpan<byte> packet, Span<byte> output, int inPort, long now, HardwareProfile hw, double flowTableMisses, double expiredFlows, double chainLength, double? expiredBucketHeads, double? transportChecksumUpdated, double? transportChecksumUpdated_2, double? flowTableMissesFromL2 = null, double? flowTableMissesFromMemory = null);
    private delegate Latency RouterInterface(ReadOnlySpan<byte> packet, HardwareProfile hw, double trieMisses, double? trieDepth, double? trieMissesFromL2 = null, double? trieMissesFromMemory = null);

    private static readonly byte[] Packet = Frames.Build(new FlowKey(0x0A000001, 0x0B000001, 40000, 443, Wire.ProtocolTcp));

    [Fact]
    public void Every_entry_point_has_a_generated_interface_in_the_sample_assembly()
    {
        MethodInfo[] entryPoints = typeof(Nat).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<PerformanceInterfaceAttribute>() is not null)
            .ToArray();
        Assert.Equal(7, entryPoints.Length);
        foreach (MethodInfo entry in entryPoints)
        {
            MethodInfo? generated = entry.DeclaringType!.GetMethod("LatencyOf_" + entry.Name);
            Assert.True(generated is not null, $"{entry.DeclaringType.Name}.LatencyOf_{entry.Name} was not generated.");
            Assert.Equal(typeof(Latency), generated!.ReturnType);
        }
    }

    [Fact]
    public void The_generated_NAT_interface_is_linear_in_the_chain_length()
    {
        var nat = new Nat(NatScenario.Config(1000));
        NatInterface latency = InterfaceBinding.Bind<NatInterface>(nat, nameof(Nat.Process))!;
        var output = new byte[64];
        double at0 = latency(Packet, output, 0, 1, HardwareProfile.Reference, 0, 0, 0, null, null, null).Nanoseconds;
        double at10 = latency(Packet, output, 0, 1, HardwareProfile.Reference, 0, 0, 10, null, null, null).Nanoseconds;
        double at20 = latency(Packet, output, 0, 1, HardwareProfile.Reference, 0, 0, 20, null, null, null).Nanoseconds;
        double at30 = latency(Packet, output, 0, 1, HardwareProfile.Reference, 0, 0, 30, null, null, null).Nanoseconds;

        // Linear once the walk is long enough to pay its mispredicted exit (from the second entry on).
        Assert.True(at10 > at0);
        Assert.Equal(at20 - at10, at30 - at20, 6);
    }

    [Fact]
    public void The_generated_NAT_interface_prices_the_transport_checksum_patch_only_when_it_runs()
    {
        var nat = new Nat(NatScenario.Config(1000));
        NatInterface latency = InterfaceBinding.Bind<NatInterface>(nat, nameof(Nat.Process))!;
        var output = new byte[64];
        double patched = latency(Packet, output, 0, 1, HardwareProfile.Reference, 0, 0, 1, null, 1, null).Nanoseconds;
        double skipped = latency(Packet, output, 0, 1, HardwareProfile.Reference, 0, 0, 1, null, 0, null).Nanoseconds;

        Assert.True(patched > skipped + 5, $"{patched} vs {skipped}");
        // Without a value the PCV takes its bound, 1: the patch runs, as before the hint.
        Assert.Equal(patched, latency(Packet, output, 0, 1, HardwareProfile.Reference, 0, 0, 1, null, null, null).Nanoseconds);
        // The inbound path has its own PCV for the same arm.
        Assert.Equal(
            latency(Packet, output, 1, 1, HardwareProfile.Reference, 0, 0, 0, null, 0, 1).Nanoseconds,
            latency(Packet, output, 1, 1, HardwareProfile.Reference, 0, 0, 0, null, 1, 1).Nanoseconds);
        Assert.True(latency(Packet, output, 1, 1, HardwareProfile.Reference, 0, 0, 0, null, 1, 0).Nanoseconds < latency(Packet, output, 1, 1, HardwareProfile.Reference, 0, 0, 0, null, 1, 1).Nanoseconds);
    }

    [Fact]
    public void The_generated_router_interface_grows_with_depth_and_defaults_to_the_bound()
    {
        var router = new LpmRouter(16);
        RouterInterface latency = InterfaceBinding.Bind<RouterInterface>(router, nameof(LpmRouter.Route))!;
        double shallow = latency(Packet, HardwareProfile.Reference, 0, 1).Nanoseconds;
        double deep = latency(Packet, HardwareProfile.Reference, 0, 33).Nanoseconds;

        Assert.True(deep > shallow);
        Assert.Equal(deep, latency(Packet, HardwareProfile.Reference, 0, null).Nanoseconds);
    }

    [Fact]
    public void The_generated_policer_interface_takes_its_bucket_lines_cold_loads()
    {
        MethodInfo generated = typeof(TokenBucketPolicer).GetMethod("LatencyOf_" + nameof(TokenBucketPolicer.Police))!;
        Assert.Equal(new[] { typeof(ReadOnlySpan<byte>), typeof(long), typeof(HardwareProfile), typeof(double), typeof(double?), typeof(double?) }, generated.GetParameters().Select(p => p.ParameterType));
        Assert.Equal(new[] { "bucketMisses", "bucketMissesFromL2", "bucketMissesFromMemory" }, generated.GetParameters().Skip(3).Select(p => p.Name));
    }
}
