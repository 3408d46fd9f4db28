using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>Small crafted traffic for the cold-load trace tests, whose counts are worked out by hand.</summary>
internal static class CraftedTraffic
{
    /// <summary>
    /// Every flow in <paramref name="opened"/> sent once during setup (tracked by the function; its loads go through the
    /// simulated caches, as the setup's go through the machine's), then <paramref name="packets"/>, one time unit apart.
    /// </summary>
    public static WorkloadBuilder OpenThenSend(FlowKey[] opened, FlowKey[] packets)
    {
        var builder = new WorkloadBuilder();
        for (int i = 0; i < opened.Length; i++)
        {
            builder.Add(opened[i], time: i);
        }

        builder.EndSetup();
        for (int i = 0; i < packets.Length; i++)
        {
            builder.Add(packets[i], time: opened.Length + i);
        }

        return builder;
    }
}
