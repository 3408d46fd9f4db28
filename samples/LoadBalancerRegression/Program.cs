using System;

namespace LoadBalancerRegression;

/// <summary>Routes a few packets and prints the interfaces' predictions on the reference profile.</summary>
public static class Program
{
    public static void Main()
    {
        var packet = new byte[64];
        new Random(42).NextBytes(packet);
        int[] connections = { 12, 3, 7, 3, 9, 1, 4, 8 };
        bool[] healthy = { true, true, false, true, true, false, true, true };
        var outer = new byte[20];
        var hw = Pix.HardwareProfile.Reference;

        int plain = PacketPath.Forward(packet, encapsulated: false, connections.Length, outer);
        int tunnel = PacketPath.Forward(packet, encapsulated: true, connections.Length, outer);
        int spare = BackendPool.LeastLoaded(connections, healthy);
        Console.WriteLine($"plain packet → backend {plain}, predicted {PacketPath.LatencyOf_Forward(packet, false, connections.Length, outer, hw)}");
        Console.WriteLine($"tunnelled packet → backend {tunnel}, predicted {PacketPath.LatencyOf_Forward(packet, true, connections.Length, outer, hw)}");
        Console.WriteLine($"least-loaded healthy backend {spare}, predicted {BackendPool.LatencyOf_LeastLoaded(connections, healthy, hw)}");
    }
}
