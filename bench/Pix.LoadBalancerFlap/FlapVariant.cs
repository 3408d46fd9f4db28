using System;
using System.Collections.Generic;
using Pix;
using Pix.Samples.NetworkFunctions.LoadBalancer;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.LoadBalancerFlap;

/// <summary>What a variant does at the health-flap workload's control events (every 2,000 packets).</summary>
internal enum FlapMode
{
    /// <summary>Nothing: the typical workload's behaviour on the same packets.</summary>
    Ignore,

    /// <summary>What the workload does: one backend fails, the previous recovers, the table is rebuilt.</summary>
    Flap,

    /// <summary>The table is rebuilt from the same health: the rebuild's memory traffic, no backend changes.</summary>
    Repopulate,

    /// <summary>A buffer the size of the Maglev table is written: cache pollution alone.</summary>
    Pollute,

    /// <summary>A buffer of 8 MiB (twice the L2 this VM reports) is written.</summary>
    PolluteLarge,

    /// <summary>The core spins as long as a rebuild takes, touching no memory.</summary>
    Spin,
}

/// <summary>
/// The load balancer on the health-flap workload's packets, with the control events applied as
/// <see cref="FlapMode"/> says. Timed by the driver's own <c>PerPacketMeasurement</c>.
/// </summary>
internal sealed class FlapVariant : Scenario
{
    private readonly FlapMode _mode;
    private readonly bool[] _allHealthy = new bool[16];
    private readonly int[] _pollution = new int[65537];
    private readonly int[] _largePollution = new int[2 << 20];
    private MaglevLoadBalancer _balancer = LoadBalancerScenario.NewBalancer();

    public FlapVariant(Workload workload, FlapMode mode) : base(workload)
    {
        _mode = mode;
        _allHealthy.AsSpan().Fill(true);
    }

    public FlapMode Mode => _mode;

    public override string NetworkFunction => "lb";

    public override string EntryPoint => nameof(MaglevLoadBalancer.SelectBackend);

    public override IReadOnlyList<string> PcvNames { get; } = new[] { "probes", "trackedBackendDown" };

    public override void Reset() => _balancer = LoadBalancerScenario.NewBalancer();

    public override void BeforePacket(int index)
    {
        IReadOnlyList<ControlEvent> events = Workload.EventsBefore(index);
        if (events.Count == 0)
        {
            return;
        }

        switch (_mode)
        {
            case FlapMode.Flap:
                foreach (ControlEvent e in events)
                {
                    _balancer.SetBackendHealth(e.Target, e.Value);
                }

                break;
            case FlapMode.Repopulate:
                _balancer.Table.Populate(_allHealthy);
                break;
            case FlapMode.Pollute:
                Pollute(_pollution);
                break;
            case FlapMode.PolluteLarge:
                Pollute(_largePollution);
                break;
            case FlapMode.Spin:
                long end = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(RebuildSeconds * System.Diagnostics.Stopwatch.Frequency);
                while (System.Diagnostics.Stopwatch.GetTimestamp() < end)
                {
                }

                break;
        }
    }

    /// <summary>How long the spin variant spins: a rebuild's measured duration.</summary>
    public static double RebuildSeconds { get; set; }

    private static void Pollute(int[] buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] += i;
        }
    }

    /// <summary>
    /// When set, every variant times a fixed chain of dependent multiplies instead of the packet: it
    /// touches no memory, so a change in its latency after an event is the core's speed, not the caches.
    /// </summary>
    public static bool AluOnly { get; set; }

    public override void Process(int index)
    {
        if (AluOnly)
        {
            AluChain(index);
        }
        else
        {
            // As the driver's scenarios do (LoadBalancerScenario.Process): the arguments first, the same for both calls.
            ReadOnlySpan<byte> packet = Workload.Packet(index);
            long now = Workload.Time(index);
            if (EntryPointEmptied)
            {
                Empty.SelectBackend(packet, now);
            }
            else
            {
                _balancer.SelectBackend(packet, now);
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ulong AluChain(int seed)
    {
        ulong x = (ulong)seed | 1;
        for (int i = 0; i < 64; i++)
        {
            x = (x * 0x9E3779B97F4A7C15UL) + (ulong)i;
        }

        return x;
    }

    public override void ReadPcvs(int index, Span<int> values)
    {
        values[0] = _balancer.LastPacket.Probes;
        values[1] = _balancer.LastPacket.TrackedBackendDown;
    }

    public override Latency? Predict(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) => null;

    public override LatencyBreakdown? Explain(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) => null;
}
