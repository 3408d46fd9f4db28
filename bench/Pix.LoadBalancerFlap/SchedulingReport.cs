using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix.Samples.NetworkFunctions.Driver;

namespace Pix.LoadBalancerFlap;

/// <summary>
/// The --trace report: per variant, how often the thread lost its CPU at a control event, and the
/// packets' latency by distance from the event, apart for packets the thread ran without losing its
/// CPU since the event and for the others.
/// </summary>
internal static class SchedulingReport
{
    public static void Run(IReadOnlyList<FlapVariant> variants, int rounds, int repetitions, TimeSpan warmUp, int[] edges)
    {
        Console.WriteLine("per variant: events that lost the CPU; per distance from the last event, median latency (timer included) of packets");
        Console.WriteLine("  kept = the thread kept its CPU since the event, lost = it did not; packets in brackets");
        foreach (FlapVariant variant in variants.Where(v => v.Mode != FlapMode.Ignore))
        {
            var kept = edges.Skip(1).Select(_ => new List<double>()).ToArray();
            var lost = edges.Skip(1).Select(_ => new List<double>()).ToArray();
            long eventsLost = 0, events = 0;
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            while (stopwatch.Elapsed < warmUp)
            {
                SchedulingTrace.Replay(variant);
            }

            for (int r = 0; r < rounds * repetitions; r++)
            {
                ReplayTrace replay = SchedulingTrace.Replay(variant);
                events += replay.Events;
                bool sinceEventLost = false;
                for (int i = 0; i < replay.LatencyNs.Length; i++)
                {
                    int since = i % 2000;
                    if (since == 0)
                    {
                        sinceEventLost = replay.Preempted[i];
                        eventsLost += sinceEventLost ? 1 : 0;
                    }
                    else
                    {
                        sinceEventLost |= replay.Preempted[i];
                    }

                    int bucket = Array.FindLastIndex(edges, e => e <= since);
                    (sinceEventLost ? lost : kept)[bucket].Add(replay.LatencyNs[i]);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{variant.Mode}: {eventsLost} of {events} events lost the CPU during the event or just after (load {System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
            for (int b = 0; b < kept.Length; b++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {edges[b] + "-" + (edges[b + 1] - 1),-10} kept {Median(kept[b]),7:0.0} ({kept[b].Count,7})   lost {Median(lost[b]),7:0.0} ({lost[b].Count,7})"));
            }
        }
    }

    private static double Median(List<double> values) => values.Count == 0 ? double.NaN : Statistics.Median(values.ToArray());
}
