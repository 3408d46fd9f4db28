using System;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.NetworkFunctions.LoadBalancer;

/// <summary>The PCV values one packet induced in the load balancer.</summary>
/// <param name="Probes">Connection-table slots examined (1..8).</param>
/// <param name="TrackedBackendDown">1 when the flow was tracked but its backend has become unhealthy, else 0.</param>
/// <param name="LookedUp">
/// Whether the packet read the lookup table (its flow was not tracked, or was on a failed backend): with
/// <paramref name="Probes"/>, which loads the workload replays to trace the cold-load PCVs.
/// </param>
public readonly record struct MaglevPcvs(int Probes, int TrackedBackendDown, bool LookedUp);

/// <summary>
/// A Maglev-style L4 load balancer: a connection-tracking cache in front of a consistent-hashing
/// lookup table, with backend health checks feeding table rebuilds.
/// </summary>
public sealed partial class MaglevLoadBalancer
{
    /// <summary>
    /// The connection table's size the interface prices L1 misses at (65,536 slots, 2.5 MiB): a
    /// <c>PixHint.ColdLoads</c> footprint is a compile-time constant, so a balancer built much larger or
    /// smaller than this is priced as if it had this size.
    /// </summary>
    public const int ProvisionedConnections = 1 << 16;

    /// <summary>The lookup table's size the interface prices L1 misses at (65,537 slots, 256 KiB), as <see cref="ProvisionedConnections"/>.</summary>
    public const int ProvisionedTableSize = 65537;

    private readonly MaglevTable _table;
    private readonly ConnectionTable _connections;
    private readonly bool[] _healthy;

    /// <summary>Creates a balancer over <paramref name="backendAddresses"/>, all healthy.</summary>
    public MaglevLoadBalancer(ReadOnlySpan<uint> backendAddresses, int tableSize = ProvisionedTableSize, int connectionCapacity = ProvisionedConnections, long idleTimeout = 30_000_000)
    {
        if (backendAddresses.Length == 0)
        {
            throw new ArgumentException("A load balancer needs at least one backend.", nameof(backendAddresses));
        }

        _table = new MaglevTable(tableSize, backendAddresses);
        _connections = new ConnectionTable(connectionCapacity, idleTimeout);
        _healthy = new bool[backendAddresses.Length];
        _healthy.AsSpan().Fill(true);
        _table.Populate(_healthy);
    }

    /// <summary>The lookup table (tests check its consistency).</summary>
    public MaglevTable Table => _table;

    /// <summary>Number of backends.</summary>
    public int BackendCount => _healthy.Length;

    /// <summary>The PCV values the last packet induced.</summary>
    public MaglevPcvs LastPacket { get; private set; }

    /// <summary>Whether backend <paramref name="backend"/> is healthy.</summary>
    public bool IsHealthy(int backend) => _healthy[backend];

    /// <summary>
    /// Records a health-check result; a change rebuilds the lookup table. Returns the number of
    /// permutation entries the rebuild skipped (0 when nothing changed).
    /// </summary>
    [PerformanceInterface, System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public long SetBackendHealth(int backend, bool healthy)
    {
        if (_healthy[backend] == healthy)
        {
            return 0;
        }

        _healthy[backend] = healthy;
        return _table.Populate(_healthy);
    }

    /// <summary>
    /// Chooses the backend for one packet seen at <paramref name="now"/>: the tracked backend of its
    /// flow while that backend is healthy, else the lookup table's choice (then tracked). Returns -1
    /// for packets that are not IPv4 UDP/TCP or when no backend is healthy.
    /// </summary>
    [PerformanceInterface, System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public int SelectBackend(ReadOnlySpan<byte> packet, long now)
    {
        PixHint.ColdLoads("connectionMisses", ProvisionedConnections * ConnectionTable.SlotBytes, "connection-table slots of the flow's probe window this packet loads that are not in L1");
        PixHint.ColdLoads("lookupMisses", ProvisionedTableSize * MaglevTable.EntryBytes, "lookup-table entry this packet loads (its flow untracked or on a failed backend) that is not in L1");
        if (!PacketParser.TryParse(packet, out PacketHeaders headers))
        {
            LastPacket = default;
            return -1;
        }

        FlowKey flow = headers.Flow;
        uint hash = flow.Hash();
        bool tracked = _connections.Find(in flow, hash, now, out int slot, out int probes);
        if (tracked && _healthy[_connections.BackendAt(slot)])
        {
            _connections.Store(slot, in flow, hash, _connections.BackendAt(slot), now);
            LastPacket = new MaglevPcvs(probes, 0, LookedUp: false);
            return _connections.BackendAt(slot);
        }

        int backend = _table[(int)(hash % (uint)_table.Size)];
        if (backend >= 0)
        {
            _connections.Store(slot, in flow, hash, backend, now);
        }

        LastPacket = new MaglevPcvs(probes, tracked ? 1 : 0, LookedUp: true);
        return backend;
    }
}
