using System;
using System.Collections.Generic;
using Pix.Samples.NetworkFunctions.LoadBalancer;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>The Maglev load balancer and its workloads: typical, colliding connection-table slots, and flapping backends.</summary>
public sealed class LoadBalancerScenario : Scenario
{
    /// <summary>The workloads, by name.</summary>
    public static readonly IReadOnlyList<string> WorkloadNames = new[] { "typical", "colliding", "health-flap" };

    /// <summary>Connection-table slots of every workload's balancer.</summary>
    public const int ConnectionCapacity = 1 << 16;

    private const uint ClientNetwork = 0x0A000000;
    private static readonly string[] Pcvs = { "probes", "trackedBackendDown" };
    private MaglevLoadBalancer _balancer;
    private SelectBackendInterface<Latency>? _interface;
    private SelectBackendInterface<LatencyBreakdown>? _explain;

    private LoadBalancerScenario(Workload workload) : base(workload) => _balancer = NewBalancer();

    /// <inheritdoc/>
    public override string NetworkFunction => "lb";

    /// <inheritdoc/>
    public override string EntryPoint => nameof(MaglevLoadBalancer.SelectBackend);

    /// <inheritdoc/>
    public override IReadOnlyList<string> PcvNames => Pcvs;

    /// <summary>The balancer under test.</summary>
    public MaglevLoadBalancer Function => _balancer;

    /// <summary>A balancer over 16 backends (10.1.0.1–16), table 65,537, 30 s idle timeout.</summary>
    public static MaglevLoadBalancer NewBalancer()
    {
        Span<uint> backends = stackalloc uint[16];
        for (int i = 0; i < backends.Length; i++)
        {
            backends[i] = 0x0A010001u + (uint)i;
        }

        return new MaglevLoadBalancer(backends, 65537, ConnectionCapacity, idleTimeout: 30_000_000);
    }

    /// <summary>Creates the scenario for workload <paramref name="name"/>.</summary>
    public static LoadBalancerScenario Create(string name, ulong seed) => name switch
    {
        "typical" => Typical(seed, flap: false),
        "health-flap" => Typical(seed, flap: true),
        "colliding" => Colliding(seed),
        _ => throw new ArgumentException($"Unknown load-balancer workload '{name}'; choose one of {string.Join(", ", WorkloadNames)}.", nameof(name)),
    };

    /// <inheritdoc/>
    public override void Reset()
    {
        _balancer = NewBalancer();
        _interface = InterfaceBinding.Bind<SelectBackendInterface<Latency>>(_balancer, EntryPoint);
        _explain = InterfaceBinding.BindExplanation<SelectBackendInterface<LatencyBreakdown>>(_balancer, EntryPoint);
    }

    /// <inheritdoc/>
    public override void BeforePacket(int index)
    {
        foreach (ControlEvent e in Workload.EventsBefore(index))
        {
            _balancer.SetBackendHealth(e.Target, e.Value);
        }
    }

    /// <inheritdoc/>
    public override void Process(int index) => _balancer.SelectBackend(Workload.Packet(index), Workload.Time(index));

    /// <inheritdoc/>
    public override Latency? Predict(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) =>
        _interface?.Invoke(Workload.Packet(index), Workload.Time(index), hw, pcvs[0]);

    /// <inheritdoc/>
    public override LatencyBreakdown? Explain(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) =>
        _explain?.Invoke(Workload.Packet(index), Workload.Time(index), hw, pcvs[0]);

    /// <inheritdoc/>
    public override void ReadPcvs(int index, Span<int> values)
    {
        values[0] = _balancer.LastPacket.Probes;
        values[1] = _balancer.LastPacket.TrackedBackendDown;
    }

    /// <summary>
    /// 5,000 client flows (opened during setup) with skewed popularity and 2% new flows; with
    /// <paramref name="flap"/>, every 2,000 packets one backend fails and the previous one recovers.
    /// </summary>
    private static LoadBalancerScenario Typical(ulong seed, bool flap)
    {
        var random = new SplitMix64(seed);
        var builder = new WorkloadBuilder();
        var flows = new FlowKey[5000];
        for (int i = 0; i < flows.Length; i++)
        {
            flows[i] = FlowFactory.Random(ref random, ClientNetwork, Wire.ProtocolTcp, destinationPort: 443);
            builder.Add(flows[i], time: i, tcpFlags: Wire.TcpAck);
        }

        builder.EndSetup();
        for (int i = 0; i < 60_000; i++)
        {
            if (flap && i % 2000 == 0)
            {
                int failing = (i / 2000) % 16;
                builder.AddEventBeforeNext(new ControlEvent(failing, false));
                builder.AddEventBeforeNext(new ControlEvent((failing + 15) % 16, true));
            }

            int pick = random.Skewed(flows.Length);
            if (random.Below(50) == 0)
            {
                flows[pick] = FlowFactory.Random(ref random, ClientNetwork, Wire.ProtocolTcp, destinationPort: 443);
            }

            builder.Add(flows[pick], time: flows.Length + (2L * i), tcpFlags: Wire.TcpAck);
        }

        return flap
            ? new LoadBalancerScenario(builder.Build("health-flap", "typical traffic while one backend in 16 fails every 2,000 packets (and the previous recovers)"))
            : new LoadBalancerScenario(builder.Build("typical", "5,000 skewed TCP flows, 2% new"));
    }

    /// <summary>64 flows crafted to share one home slot: every lookup probes the whole window and flows evict each other.</summary>
    private static LoadBalancerScenario Colliding(ulong seed)
    {
        var random = new SplitMix64(seed);
        var table = new ConnectionTable(ConnectionCapacity, 1);
        var flows = new FlowKey[64];
        FlowFactory.Colliding(ref random, flows, flow => table.HomeSlot(flow.Hash()), bucket: 4242, ClientNetwork, Wire.ProtocolTcp, 443);
        var builder = new WorkloadBuilder();
        for (int i = 0; i < flows.Length; i++)
        {
            builder.Add(flows[i], time: i, tcpFlags: Wire.TcpAck);
        }

        builder.EndSetup();
        for (int i = 0; i < 40_000; i++)
        {
            builder.Add(flows[random.Below(flows.Length)], time: flows.Length + i, tcpFlags: Wire.TcpAck);
        }

        return new LoadBalancerScenario(builder.Build("colliding", "64 flows crafted onto one connection-table home slot (window of 8)"));
    }

    /// <summary>The signature of the generated <c>MaglevLoadBalancer.LatencyOf_SelectBackend</c> (TResult = Latency) and of its twin <c>ExplainLatencyOf_SelectBackend</c> (TResult = LatencyBreakdown).</summary>
    private delegate TResult SelectBackendInterface<TResult>(ReadOnlySpan<byte> packet, long now, HardwareProfile hw, double? probes);
}
