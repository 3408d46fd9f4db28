using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Pix.Samples.NetworkFunctions.Driver;
using Pix.Samples.NetworkFunctions.Translation;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>
/// The driver's baseline: the scenario's own packets through its own <see cref="Scenario.Process"/>, the entry point's call
/// made to an empty method of the same signature, so that subtracting it leaves the entry point's body (docs/accuracy.md,
/// "Twenty-first session: one rule for the entry call").
/// </summary>
public class EntryCallBaselineTests
{
    public static IEnumerable<object[]> NetworkFunctions => ScenarioCatalog.NetworkFunctions.Select(nf => new object[] { nf });

    [Theory]
    [MemberData(nameof(NetworkFunctions))]
    public void The_empty_entry_point_has_the_entry_points_signature_and_is_a_call_of_its_own(string networkFunction)
    {
        string entryPoint = ScenarioCatalog.Create(networkFunction, "typical", seed: 5).EntryPoint;
        MethodInfo function = AnnotatedEntryPoints().Single(m => m.Name == entryPoint);
        MethodInfo empty = typeof(EmptyEntryPoints).GetMethod(entryPoint, BindingFlags.Public | BindingFlags.Instance)!;

        Assert.NotNull(empty);
        Assert.Equal(function.ReturnType, empty.ReturnType);
        Assert.Equal(function.GetParameters().Select(p => p.ParameterType), empty.GetParameters().Select(p => p.ParameterType));
        Assert.Equal(function.IsStatic, empty.IsStatic);
        Assert.True((empty.MethodImplementationFlags & MethodImplAttributes.NoInlining) != 0, $"EmptyEntryPoints.{entryPoint} may be inlined: the baseline would hold no call");
    }

    [Theory]
    [MemberData(nameof(NetworkFunctions))]
    public void Process_calls_the_empty_entry_point_as_well_as_the_function(string networkFunction)
    {
        Scenario scenario = ScenarioCatalog.Create(networkFunction, "typical", seed: 5);
        MethodInfo process = scenario.GetType().GetMethod(nameof(Scenario.Process))!;
        MethodInfo empty = typeof(EmptyEntryPoints).GetMethod(scenario.EntryPoint)!;
        MethodInfo function = AnnotatedEntryPoints().Single(m => m.Name == scenario.EntryPoint);

        IReadOnlyList<MethodBase> callees = Callees(process);

        Assert.Contains(empty, callees);
        Assert.Contains(function, callees);
    }

    [Fact]
    public void While_emptied_the_function_sees_no_packet()
    {
        Scenario lb = ScenarioCatalog.Create("lb", "typical", seed: 5);
        int probes = lb.PcvNames.ToList().IndexOf("probes");
        var values = new int[lb.PcvNames.Count];
        int index = lb.Workload.SetupCount;

        lb.ResetAndSetUp();
        lb.Process(index);
        lb.ReadPcvs(index, values);
        Assert.True(values[probes] >= 1, "a packet the balancer looked up probes its table at least once");

        lb.EntryPointEmptied = true;
        lb.ResetAndSetUp();
        lb.Process(index);
        lb.ReadPcvs(index, values);
        Assert.Equal(0, values[probes]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_baseline_times_every_measured_packet_and_leaves_the_scenario_as_it_found_it(bool emptied)
    {
        Scenario policer = ScenarioCatalog.Create("policer", "burst", seed: 5);
        policer.EntryPointEmptied = emptied;

        PerPacketResult result = PerPacketMeasurement.RunBaseline(policer, TimeSpan.Zero, repetitions: 1);

        Assert.Equal(emptied, policer.EntryPointEmptied);
        Assert.Equal(policer.Workload.Count - policer.Workload.SetupCount, result.PerPacketNs.Length);
        Assert.All(result.PerPacketNs, ns => Assert.True(ns >= 0 && double.IsFinite(ns)));
    }

    [Fact]
    public void The_timed_replay_is_compiled_once_fully_optimised()
    {
        // Tiered, it was recompiled with a guarded devirtualization for whichever scenario ran first, so a function and
        // its baseline could be timed by different code (PerPacketMeasurement.TimedReplay says how).
        MethodInfo timedReplay = typeof(PerPacketMeasurement).GetMethod("TimedReplay", BindingFlags.NonPublic | BindingFlags.Static)!;

        Assert.True((timedReplay.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0);
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

    private static IEnumerable<MethodInfo> AnnotatedEntryPoints() => typeof(Nat).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Where(m => m.IsDefined(typeof(PerformanceInterfaceAttribute)));

    // The methods a method's IL calls: every call or callvirt opcode's token resolved in the method's module. A byte that
    // only looks like one of those opcodes inside another instruction's operand resolves to nothing or to an unrelated
    // member, which a test asking for one particular callee does not mistake for it.
    private static IReadOnlyList<MethodBase> Callees(MethodInfo method)
    {
        const byte Call = 0x28, CallVirt = 0x6F;
        byte[] il = method.GetMethodBody()!.GetILAsByteArray()!;
        var callees = new List<MethodBase>();
        for (int i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] is Call or CallVirt)
            {
                try
                {
                    if (method.Module.ResolveMethod(BitConverter.ToInt32(il, i + 1)) is MethodBase callee)
                    {
                        callees.Add(callee);
                    }
                }
                catch (ArgumentException)
                {
                }
            }
        }

        return callees;
    }
}
