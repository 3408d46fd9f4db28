using System;
using System.Runtime.CompilerServices;

namespace Pix.Locality;

/// <summary>
/// The load balancer's probe window on its colliding workload (ConnectionTable.Find): 64 flows share one
/// home slot, a window of 8 slots, each packet's flow drawn at random; a flow not in the window replaces
/// the window's least recently seen. Two scans of the window: the sample's (<c>if (seen &lt; victimSeen)</c>, a
/// branch in Tier-1 code) and one the JIT compiles to conditional moves: what they differ by is what the
/// running minimum's mispredictions cost.
/// </summary>
internal sealed class VictimScan
{
    private const int Window = 8;
    private readonly long[] _lastSeen = new long[Window];
    private readonly int[] _flowIn = new int[Window];
    private readonly int[] _packets;
    private long _now;

    /// <summary>Packets of <paramref name="flows"/> flows, drawn at random, or in turn when <paramref name="random"/> is null.</summary>
    public VictimScan(int packets, int flows, Random? random)
    {
        _packets = new int[packets];
        for (int i = 0; i < packets; i++)
        {
            _packets[i] = random?.Next(flows) ?? i % flows;
        }

        _flowIn.AsSpan().Fill(-1);
    }

    public int Packets => _packets.Length;

    /// <summary>Every packet through the branchy scan; returns the number of hits.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public double RunBranchy()
    {
        int hits = 0;
        foreach (int flow in _packets)
        {
            hits += Branchy(flow) ? 1 : 0;
        }

        return hits;
    }

    /// <summary>Every packet through the branchless scan; returns the number of hits.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public double RunBranchless()
    {
        int hits = 0;
        foreach (int flow in _packets)
        {
            hits += Branchless(flow) ? 1 : 0;
        }

        return hits;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Branchy(int flow)
    {
        long now = ++_now;
        int victim = 0;
        long victimSeen = long.MaxValue;
        for (int i = 0; i < Window; i++)
        {
            if (_flowIn[i] == flow)
            {
                _lastSeen[i] = now;
                return true;
            }

            long seen = _lastSeen[i];
            if (seen < victimSeen)
            {
                victim = i;
                victimSeen = seen;
            }
        }

        _flowIn[victim] = flow;
        _lastSeen[victim] = now;
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Branchless(int flow)
    {
        long now = ++_now;
        int victim = 0;
        long victimSeen = long.MaxValue;
        for (int i = 0; i < Window; i++)
        {
            if (_flowIn[i] == flow)
            {
                _lastSeen[i] = now;
                return true;
            }

            long seen = _lastSeen[i];
            bool older = seen < victimSeen;
            victim = older ? i : victim;
            victimSeen = older ? seen : victimSeen;
        }

        _flowIn[victim] = flow;
        _lastSeen[victim] = now;
        return false;
    }
}
