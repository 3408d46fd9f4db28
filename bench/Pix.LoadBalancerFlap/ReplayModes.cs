using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Pix.Samples.NetworkFunctions.Driver;
using Pix.Samples.NetworkFunctions.LoadBalancer;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.LoadBalancerFlap;

/// <summary>
/// The --modes report: the driver's health-flap measurement (the workload's own scenario, warm-up by time, seven
/// timed replays, the windowed mean per packet) with, per replay, what the process can tell about it: the replay's
/// median, its flows' first packets since an event apart from the others, how many events lost the CPU or moved
/// the thread, the rebuilds' wall time, collections, the share of the replay the CPUs were busy (/proc/stat), and
/// where the connection table landed. The health-flap median is bimodal by process (30–55 or 145–151 ns at the
/// twenty-fifth close); this is what tells the replays of a low process from those of a high one.
/// </summary>
internal static class ReplayModes
{
    public static void Run(int repetitions, TimeSpan warmUp, bool[] firstSinceEvent)
    {
        var scenario = (LoadBalancerScenario)ScenarioCatalog.Create("lb", "health-flap");
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        while (stopwatch.Elapsed < warmUp)
        {
            SchedulingTrace.Replay(scenario);
        }

        Console.WriteLine("replay  median  first  again  lost/ev  moved  rebuild-ms  gc0/1/2  cpu0-share  busy cpu0 cpu1  table%4K table%64");
        var samples = new double[repetitions][];
        for (int r = 0; r < repetitions; r++)
        {
            (long Busy, long Idle)[] before = CpuTimes();
            int[] gcBefore = { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
            ReplayTrace trace = SchedulingTrace.Replay(scenario);
            (long Busy, long Idle)[] after = CpuTimes();
            long address = ConnectionTableAddress(scenario.Function);
            samples[r] = trace.LatencyNs;
            double first = Statistics.Median(trace.LatencyNs.Where((_, i) => firstSinceEvent[i]).ToArray());
            double again = Statistics.Median(trace.LatencyNs.Where((_, i) => !firstSinceEvent[i]).ToArray());
            int lost = Enumerable.Range(0, trace.LatencyNs.Length).Count(i => i % 2000 == 0 && trace.Preempted[i]);
            int moved = trace.EventMoved.Count(m => m);
            double cpu0Share = trace.Cpu.Count(c => c == 0) / (double)trace.Cpu.Length;
            string busy = string.Join(" ", before.Zip(after, (b, a) => Share(a.Busy - b.Busy, a.Idle - b.Idle)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r + 1,6} {Statistics.Median(trace.LatencyNs),7:0.0} {first,6:0.0} {again,6:0.0} {lost,4}/{trace.Events,-3} {moved,5} {Statistics.Median(trace.EventNs) / 1e6,11:0.00} {GC.CollectionCount(0) - gcBefore[0]}/{GC.CollectionCount(1) - gcBefore[1]}/{GC.CollectionCount(2) - gcBefore[2],-4} {cpu0Share,10:0.00}  {busy,14}  {address % 4096,8} {address % 64,8}"));
        }

        double[] perPacket = Statistics.WindowedMeanPerItem(samples, PerPacketMeasurement.OutlierWindowSteps * PerPacketMeasurement.ClockStepNs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"process: median of the windowed means {Statistics.Median(perPacket):0.0} ns (timer included; timer {PerPacketMeasurement.TimerOverhead():0.0} ns), load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    }

    private static string Share(long busy, long idle) => busy + idle == 0 ? "-" : (busy / (double)(busy + idle)).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Busy and idle jiffies of cpu0 and cpu1 (/proc/stat: user nice system idle iowait irq softirq steal).</summary>
    private static (long Busy, long Idle)[] CpuTimes() =>
        File.ReadLines("/proc/stat").Where(l => l.StartsWith("cpu", StringComparison.Ordinal) && char.IsDigit(l[3]))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray())
            .Select(f => (f[0] + f[1] + f[2] + f[5] + f[6] + f[7], f[3] + f[4])).ToArray();

    /// <summary>The address of the connection table's first slot (a large-object array the GC does not move).</summary>
    private static unsafe long ConnectionTableAddress(MaglevLoadBalancer balancer)
    {
        object table = typeof(MaglevLoadBalancer).GetField("_connections", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(balancer)!;
        var slots = (Array)typeof(ConnectionTable).GetField("_slots", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(table)!;
        return (long)System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(slots));
    }
}
