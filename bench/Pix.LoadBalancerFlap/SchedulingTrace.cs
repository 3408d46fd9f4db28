using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.LoadBalancerFlap;

/// <summary>One timed replay with what the operating system did around each packet.</summary>
/// <param name="LatencyNs">Per measured packet, its timed latency (timer included), as the driver times it.</param>
/// <param name="Cpu">Per measured packet, the CPU it ran on.</param>
/// <param name="Preempted">Per measured packet, whether the thread lost its CPU since the previous packet (an involuntary switch during a control event, another CPU, or a gap of more than 20 µs).</param>
/// <param name="EventSwitches">Involuntary context switches during the control events of the replay.</param>
/// <param name="Events">Control events in the replay (packets that had any).</param>
/// <param name="EventNs">Per control event, its wall time (off the clock, as the driver runs it).</param>
/// <param name="EventMoved">Per control event, whether the thread ran its next packet on another CPU than the one it began the event on.</param>
internal sealed record ReplayTrace(double[] LatencyNs, int[] Cpu, bool[] Preempted, long EventSwitches, int Events, double[] EventNs, bool[] EventMoved);

/// <summary>
/// Replays a scenario as <c>PerPacketMeasurement</c> does (control events off the clock, headers
/// touched, one packet per timed region) and records, per packet, whether the thread was descheduled
/// or moved since the previous one: the driver cannot tell a packet slowed by the code from one
/// that starts on caches another process has just filled.
/// </summary>
internal static class SchedulingTrace
{
    private const int RusageThread = 1;

    public static ReplayTrace Replay(Scenario scenario)
    {
        Workload workload = scenario.Workload;
        int measured = workload.Count - workload.SetupCount;
        var latencies = new double[measured];
        var cpus = new int[measured];
        var preempted = new bool[measured];
        double ticksToNs = 1e9 / Stopwatch.Frequency;
        long eventSwitches = 0;
        int events = 0;
        var eventNs = new System.Collections.Generic.List<double>();
        var eventMoved = new System.Collections.Generic.List<bool>();
        scenario.ResetAndSetUp();
        int previousCpu = sched_getcpu();
        long previousEnd = Stopwatch.GetTimestamp();
        for (int i = 0; i < measured; i++)
        {
            int index = workload.SetupCount + i;
            bool switched = false;
            long eventTicks = 0;
            int eventCpu = -1;
            if (workload.EventsBefore(index).Count > 0)
            {
                eventCpu = sched_getcpu();
                long before = InvoluntarySwitches();
                long eventStart = Stopwatch.GetTimestamp();
                scenario.BeforePacket(index);
                eventTicks = Stopwatch.GetTimestamp() - eventStart;
                long during = InvoluntarySwitches() - before;
                switched = during > 0;
                eventSwitches += during;
                events++;
                eventNs.Add(eventTicks * ticksToNs);
            }

            workload.TouchHeaders(index);
            int cpu = sched_getcpu();
            if (eventCpu >= 0)
            {
                eventMoved.Add(cpu != eventCpu);
            }

            long start = Stopwatch.GetTimestamp();
            // Between two packets the thread does ~100 ns of work; 20 µs more is time it spent off the CPU.
            preempted[i] = switched || cpu != previousCpu || (start - previousEnd - eventTicks) * ticksToNs > 20_000;
            previousCpu = cpu;
            cpus[i] = cpu;
            scenario.Process(index);
            previousEnd = Stopwatch.GetTimestamp();
            latencies[i] = (previousEnd - start) * ticksToNs;
        }

        return new ReplayTrace(latencies, cpus, preempted, eventSwitches, events, eventNs.ToArray(), eventMoved.ToArray());
    }

    private static long InvoluntarySwitches()
    {
        getrusage(RusageThread, out Rusage usage);
        return usage.Nivcsw;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int sched_getcpu();

    [DllImport("libc", SetLastError = false)]
    private static extern int getrusage(int who, out Rusage usage);

    // struct rusage on x86-64 Linux: two timevals, then fourteen longs.
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxRss, Ixrss, Idrss, Isrss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, Nvcsw, Nivcsw;
    }
}
