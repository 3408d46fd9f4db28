using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>
/// The driver's own share of a timed packet, with no network function behind it: the virtual
/// <see cref="Scenario.Process"/> call, the workload's look-ups of the packet, its arrival time and
/// input port, the span over the frame, and one non-inlined call taking them, which does nothing.
/// Timed under the same conditions as a real scenario, it is what a measured latency contains
/// beyond what the entry point's interface describes.
/// </summary>
public sealed class DispatchScenario : Scenario
{
    private readonly string _of;

    /// <summary>Creates the empty scenario over the packets of <paramref name="measured"/>.</summary>
    public DispatchScenario(Scenario measured)
        : base((measured ?? throw new ArgumentNullException(nameof(measured))).Workload) => _of = measured.NetworkFunction;

    /// <inheritdoc/>
    public override string NetworkFunction => "dispatch of " + _of;

    /// <inheritdoc/>
    public override string EntryPoint => nameof(Consume);

    /// <inheritdoc/>
    public override IReadOnlyList<string> PcvNames => Array.Empty<string>();

    /// <inheritdoc/>
    public override void Reset()
    {
    }

    /// <inheritdoc/>
    public override void Process(int index) => Consume(Workload.Packet(index), Workload.InPort(index), Workload.Time(index));

    /// <inheritdoc/>
    public override void ReadPcvs(int index, Span<int> values)
    {
    }

    /// <summary>Null: the empty scenario has no interface.</summary>
    public override Latency? Predict(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) => null;

    /// <summary>Null: the empty scenario has no interface.</summary>
    public override LatencyBreakdown? Explain(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) => null;

    // Stands for the entry point: a real call receiving the same arguments, so the JIT can neither
    // drop the look-ups nor the call (NoInlining), and nothing else.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Consume(ReadOnlySpan<byte> packet, int inPort, long time)
    {
    }
}
