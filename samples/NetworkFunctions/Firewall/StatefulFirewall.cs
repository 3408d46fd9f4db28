using System;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.NetworkFunctions.Firewall;

/// <summary>The PCV values one packet induced in the firewall.</summary>
/// <param name="ChainLength">Connection-table entries walked.</param>
/// <param name="RulesScanned">Rules compared (0 for packets of tracked connections).</param>
/// <param name="StaleUnlinked">Stale connection-table entries unlinked during the walk.</param>
public readonly record struct FirewallPcvs(int ChainLength, int RulesScanned, int StaleUnlinked);

/// <summary>
/// A stateful firewall: packets of tracked connections pass; a packet that could open a connection
/// (UDP, or TCP SYN) is checked against the ordered rule list (first match wins, default deny) and,
/// if allowed, tracked. TCP RST ends a connection; FIN starts its short closing timeout.
/// </summary>
public sealed partial class StatefulFirewall
{
    /// <summary>
    /// The connection table's size the interface prices L1 misses at (65,536 entries, 2.5 MiB): a
    /// <c>PixHint.ColdLoads</c> footprint is a compile-time constant, so a firewall built much larger or
    /// smaller than this is priced as if it had this many connections.
    /// </summary>
    public const int ProvisionedConnections = 1 << 16;

    /// <summary>The connection table's bucket count the interface prices L1 misses at (16,384 heads, 64 KiB), as <see cref="ProvisionedConnections"/>.</summary>
    public const int ProvisionedBuckets = 1 << 14;

    private readonly ConnectionTracker _connections;
    private readonly FirewallRule[] _rules;
    private int _ruleCount;

    /// <summary>Creates a firewall with no rules (everything new is denied).</summary>
    public StatefulFirewall(int maxRules, int capacity, int bucketCount, long establishedTimeout, long transientTimeout)
    {
        _rules = new FirewallRule[maxRules];
        _connections = new ConnectionTracker(capacity, bucketCount, establishedTimeout, transientTimeout);
    }

    /// <summary>The connection table.</summary>
    public ConnectionTracker Connections => _connections;

    /// <summary>Rules installed.</summary>
    public int RuleCount => _ruleCount;

    /// <summary>The PCV values the last packet induced.</summary>
    public FirewallPcvs LastPacket { get; private set; }

    /// <summary>Appends a rule (rules are scanned in the order added).</summary>
    public void AddRule(in FirewallRule rule)
    {
        if (_ruleCount == _rules.Length)
        {
            throw new InvalidOperationException($"The rule list is full ({_rules.Length} rules).");
        }

        _rules[_ruleCount++] = rule;
    }

    /// <summary>Returns true when <paramref name="packet"/>, seen at <paramref name="now"/>, may pass.</summary>
    [PerformanceInterface, System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public bool Filter(ReadOnlySpan<byte> packet, long now)
    {
        PixHint.ColdLoads("connectionMisses", ProvisionedConnections * ConnectionTracker.EntryBytes, "connection-table entries this packet loads that are not in L1 (its bucket's walk, and the free entry a new connection takes)");
        PixHint.ColdLoads("bucketMisses", ProvisionedBuckets * ConnectionTracker.BucketHeadBytes, "the packet's bucket head, when it is not in L1");
        if (!PacketParser.TryParse(packet, out PacketHeaders headers))
        {
            LastPacket = default;
            return false;
        }

        FlowKey connection = headers.Flow.Canonical();
        uint hash = connection.Hash();
        int index = _connections.Find(in connection, hash, now, out int chainLength, out int staleUnlinked);
        bool isTcp = headers.Protocol == Wire.ProtocolTcp;
        if (index >= 0)
        {
            LastPacket = new FirewallPcvs(chainLength, 0, staleUnlinked);
            return TrackPacket(index, isTcp, headers.TcpFlags, now);
        }

        bool opens = !isTcp || (headers.TcpFlags & (Wire.TcpSyn | Wire.TcpAck | Wire.TcpRst)) == Wire.TcpSyn;
        if (!opens)
        {
            LastPacket = new FirewallPcvs(chainLength, 0, staleUnlinked);
            return false;
        }

        bool allowed = FirstMatchAllows(in headers, out int rulesScanned);
        LastPacket = new FirewallPcvs(chainLength, rulesScanned, staleUnlinked);
        return allowed && _connections.Add(in connection, hash, ConnectionState.Opening, now) >= 0;
    }

    private bool TrackPacket(int index, bool isTcp, byte tcpFlags, long now)
    {
        ConnectionState state = _connections.StateAt(index);
        if (isTcp && (tcpFlags & Wire.TcpRst) != 0)
        {
            // Let the reset through; the entry goes stale at once and is unlinked by the next walk.
            _connections.Update(index, ConnectionState.Closing, long.MinValue / 2);
            return true;
        }

        if (isTcp && (tcpFlags & Wire.TcpFin) != 0)
        {
            state = ConnectionState.Closing;
        }
        else if (state == ConnectionState.Opening && (!isTcp || (tcpFlags & Wire.TcpAck) != 0))
        {
            state = ConnectionState.Established;
        }

        _connections.Update(index, state, now);
        return true;
    }

    private bool FirstMatchAllows(in PacketHeaders headers, out int scanned)
    {
        scanned = 0;
        for (int i = 0; i < _ruleCount; i++)
        {
            PixHint.Pcv("rulesScanned", "rules compared before the first match (all of them when the default rule decides)");
            scanned++;
            ref readonly FirewallRule rule = ref _rules[i];
            if (((headers.SourceIp ^ rule.SourcePrefix) & rule.SourceMask) == 0
                && ((headers.DestinationIp ^ rule.DestinationPrefix) & rule.DestinationMask) == 0
                && headers.DestinationPort >= rule.FirstPort && headers.DestinationPort <= rule.LastPort
                && (rule.Protocol == 0 || rule.Protocol == headers.Protocol))
            {
                return rule.Allow;
            }
        }

        return false;
    }
}
