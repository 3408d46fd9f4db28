using System;
using System.Collections.Generic;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>
/// One network function fed one workload: the driver and the tests reset it, replay the packets
/// through the function's per-packet entry point, and read back the PCV values each packet induced.
/// </summary>
public abstract class Scenario
{
    /// <summary>Creates a scenario over <paramref name="workload"/>.</summary>
    protected Scenario(Workload workload) => Workload = workload;

    /// <summary>The packets.</summary>
    public Workload Workload { get; }

    /// <summary>The network function's short name (<c>nat</c>, <c>lb</c>, …).</summary>
    public abstract string NetworkFunction { get; }

    /// <summary>The entry point's name (the generated interface is <c>LatencyOf_</c> + this).</summary>
    public abstract string EntryPoint { get; }

    /// <summary>The PCVs the entry point's interface takes, in <see cref="ReadPcvs"/> order.</summary>
    public abstract IReadOnlyList<string> PcvNames { get; }

    /// <summary>
    /// Per PCV (in <see cref="PcvNames"/> order), the largest value it can take, for the diagnosis'
    /// search; null when none has a bound. A branch arm's PCV has one: 1, or the iterations it counts.
    /// </summary>
    public virtual IReadOnlyList<double>? PcvLimits => null;

    /// <summary>Starts over from a fresh network function (not timed).</summary>
    public abstract void Reset();

    /// <summary>
    /// The caches the cold-load PCVs are traced on: this machine's (<see cref="MachineCaches.Current"/>) unless set,
    /// e.g. by a test that must trace the same values on every machine. Takes effect at the next <see cref="ResetAndSetUp"/>.
    /// </summary>
    public MachineCaches Caches { get; set; } = MachineCaches.Current;

    /// <summary>
    /// The simulated caches a cold-load replay loads the function's tables into: new (empty, on <see cref="Caches"/>)
    /// at every <see cref="ResetAndSetUp"/>, and holding, when <see cref="ReadPcvs"/> runs, the lines of the packet's
    /// headers. The base owns it so that a traced function cannot forget the frames: the driver reads every packet's
    /// headers before the timed call (<see cref="Workload.TouchHeaders"/>), and the frames streaming through the caches
    /// evict table lines there as they do on the machine.
    /// </summary>
    protected CacheSimulation SimulatedCaches { get; private set; } = MachineCaches.Current.NewSimulation();

    /// <summary>
    /// Hands packet <paramref name="index"/> to the entry point: the only timed call. While <see cref="EntryPointEmptied"/>
    /// is set, makes the same call (the same receiver field, arguments and discarded result) to the empty method of the
    /// entry point's signature in <see cref="EmptyEntryPoints"/> instead.
    /// </summary>
    public abstract void Process(int index);

    /// <summary>
    /// Whether <see cref="Process"/> calls <see cref="EmptyEntryPoints"/> instead of the network function: set only while
    /// the driver times its baseline (<see cref="Pix.Samples.NetworkFunctions.Driver.PerPacketMeasurement.RunBaseline"/>). The baseline is this same
    /// scenario, not another class, so that its packets go through the same <see cref="Process"/> method, compiled once,
    /// and reach the same timed call site; what differs is only the callee's body, which is what the interface describes.
    /// </summary>
    public bool EntryPointEmptied { get; set; }

    /// <summary>The receiver of the empty calls <see cref="Process"/> makes while <see cref="EntryPointEmptied"/> is set.</summary>
    protected EmptyEntryPoints Empty { get; } = new();

    /// <summary>
    /// Writes the PCV values the last <see cref="Process"/> (of packet <paramref name="index"/>) induced, read
    /// from the function's own counters, or, for what the function does not count (which of its loads
    /// miss L1), replayed from the packet and the state it left through <see cref="SimulatedCaches"/>, which then
    /// holds the packet's header lines. Called in order, once per measured packet.
    /// </summary>
    public abstract void ReadPcvs(int index, Span<int> values);

    /// <summary>
    /// The generated interface's prediction for packet <paramref name="index"/> in the current state,
    /// given the PCV values that packet induces; null when Pix generated no interface.
    /// </summary>
    public abstract Latency? Predict(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs);

    /// <summary>
    /// The same prediction term by term (the generated <c>ExplainLatencyOf_X</c>); null when Pix
    /// generated no interface.
    /// </summary>
    public abstract LatencyBreakdown? Explain(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs);

    /// <summary>
    /// Replays the workload and asks the interface, just before each measured packet, for its
    /// latency with the PCV values <paramref name="trace"/> recorded for it (the replay is
    /// deterministic, so they are the values it will induce). Null when there is no interface.
    /// </summary>
    public double[]? PredictAll(HardwareProfile hw, PcvTrace trace)
    {
        ResetAndSetUp();
        int measured = Workload.Count - Workload.SetupCount;
        var predictions = new double[measured];
        Span<int> row = stackalloc int[PcvNames.Count];
        for (int i = 0; i < measured; i++)
        {
            int index = Workload.SetupCount + i;
            BeforePacket(index);
            for (int p = 0; p < row.Length; p++)
            {
                row[p] = trace[i, p];
            }

            Latency? predicted = Predict(index, hw, row);
            if (predicted is null)
            {
                return null;
            }

            predictions[i] = predicted.Value.Nanoseconds;
            Process(index);
        }

        return predictions;
    }

    /// <summary>
    /// Replays the workload up to measured packet <paramref name="measured"/> (its control events
    /// applied, the packet itself not processed): the state its prediction is made in. Returns the
    /// packet's index in the workload, for <see cref="Predict"/> and <see cref="Explain"/>.
    /// </summary>
    public int ReplayUntil(int measured)
    {
        if (measured < 0 || measured >= Workload.Count - Workload.SetupCount)
        {
            throw new ArgumentOutOfRangeException(nameof(measured), measured, $"The workload has {Workload.Count - Workload.SetupCount} measured packets.");
        }

        ResetAndSetUp();
        for (int i = 0; i < measured; i++)
        {
            BeforePacket(Workload.SetupCount + i);
            Process(Workload.SetupCount + i);
        }

        BeforePacket(Workload.SetupCount + measured);
        return Workload.SetupCount + measured;
    }

    /// <summary>Applies the control events scheduled before packet <paramref name="index"/> (not timed).</summary>
    public virtual void BeforePacket(int index)
    {
    }

    /// <summary>Resets, then processes the setup packets: the state measurement starts from.</summary>
    public void ResetAndSetUp() => ResetAndSetUp(replayLoads: false);

    /// <summary>
    /// <see cref="ResetAndSetUp()"/>; with <paramref name="replayLoads"/>, each setup packet's loads (its header lines and
    /// what <see cref="ReadPcvs"/> replays) also go through <see cref="SimulatedCaches"/>, as the setup's do through the
    /// machine's caches before the first timed packet. Without it a table line only setup touched is first seen by the
    /// simulation at a measured packet and traced as served by memory, while the machine still holds it.
    /// </summary>
    private void ResetAndSetUp(bool replayLoads)
    {
        SimulatedCaches = Caches.NewSimulation();
        Reset();
        Span<int> discarded = replayLoads ? stackalloc int[PcvNames.Count] : default;
        for (int i = 0; i < Workload.SetupCount; i++)
        {
            BeforePacket(i);
            Process(i);
            if (replayLoads)
            {
                SimulatedCaches.Touch(CacheSimulation.FramesStartByte + Workload.Offset(i), Workload.HeaderLength(i));
                ReadPcvs(i, discarded);
            }
        }
    }

    /// <summary>Replays the workload once and returns the PCV values of every measured packet (row per packet).</summary>
    public PcvTrace TracePcvs()
    {
        ResetAndSetUp(replayLoads: true);
        int measured = Workload.Count - Workload.SetupCount;
        var values = new int[measured, PcvNames.Count];
        Span<int> row = stackalloc int[PcvNames.Count];
        for (int i = 0; i < measured; i++)
        {
            int index = Workload.SetupCount + i;
            BeforePacket(index);
            Process(index);

            // The driver reads the packet's headers just before timing it (Workload.TouchHeaders): so does the replay.
            SimulatedCaches.Touch(CacheSimulation.FramesStartByte + Workload.Offset(index), Workload.HeaderLength(index));
            ReadPcvs(index, row);
            for (int p = 0; p < row.Length; p++)
            {
                values[i, p] = row[p];
            }
        }

        return new PcvTrace(PcvNames, values);
    }
}
