using Pix.Samples.NetworkFunctions.Firewall;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

public class StatefulFirewallTests
{
    private static readonly FlowKey Https = new(0x0A000005, 0x0B000009, 40000, 443, Wire.ProtocolTcp);
    private static readonly FlowKey Dns = new(0x0A000005, 0x08080808, 40001, 53, Wire.ProtocolUdp);

    private static bool Send(StatefulFirewall firewall, in FlowKey flow, byte flags, long now) =>
        firewall.Filter(Frames.Build(flow, flags), now);

    [Fact]
    public void An_allowed_connection_is_tracked_and_its_replies_pass()
    {
        StatefulFirewall firewall = FirewallScenario.NewFirewall();

        Assert.True(Send(firewall, Https, Wire.TcpSyn, 1));
        Assert.Equal(1, firewall.LastPacket.RulesScanned);
        Assert.True(Send(firewall, Https.Reverse, Wire.TcpSyn | Wire.TcpAck, 2));
        Assert.Equal(0, firewall.LastPacket.RulesScanned);
        Assert.True(Send(firewall, Https, Wire.TcpAck, 3));
        Assert.Equal(1, firewall.Connections.Count);
    }

    [Fact]
    public void Packets_that_cannot_open_a_connection_are_dropped_without_state()
    {
        StatefulFirewall firewall = FirewallScenario.NewFirewall();
        Assert.False(Send(firewall, Https, Wire.TcpAck, 1));
        Assert.False(Send(firewall, Https.Reverse, Wire.TcpSyn | Wire.TcpAck, 1));
        Assert.Equal(0, firewall.LastPacket.RulesScanned);
        Assert.False(firewall.Filter(new byte[20], 1));
    }

    [Fact]
    public void New_connections_no_rule_allows_are_denied_after_scanning_every_rule()
    {
        StatefulFirewall firewall = FirewallScenario.NewFirewall();
        Assert.False(Send(firewall, Dns with { DestinationPort = 54 }, 0, 1));
        Assert.Equal(FirewallScenario.RuleCount, firewall.LastPacket.RulesScanned);
        Assert.False(Send(firewall, Dns.Reverse, 0, 1)); // the reply direction matches no allow rule either
        Assert.Equal(0, firewall.Connections.Count);
    }

    [Fact]
    public void The_first_matching_rule_decides()
    {
        var firewall = new StatefulFirewall(4, 64, 16, 1000, 100);
        firewall.AddRule(new FirewallRule(0x0A000000, 8, 0, 0, 0, ushort.MaxValue, 0, allow: false));
        firewall.AddRule(new FirewallRule(0, 0, 0, 0, 53, 53, Wire.ProtocolUdp, allow: true));
        Assert.False(Send(firewall, Dns, 0, 1));
        Assert.Equal(1, firewall.LastPacket.RulesScanned);
        Assert.True(Send(firewall, Dns with { SourceIp = 0xC0A80001 }, 0, 1));
        Assert.Equal(2, firewall.LastPacket.RulesScanned);
    }

    [Fact]
    public void Reset_ends_a_connection()
    {
        StatefulFirewall firewall = FirewallScenario.NewFirewall();
        Send(firewall, Https, Wire.TcpSyn, 1);
        Assert.True(Send(firewall, Https.Reverse, Wire.TcpRst, 2));
        Assert.False(Send(firewall, Https, Wire.TcpAck, 3));
        Assert.Equal(0, firewall.Connections.Count);
    }

    [Fact]
    public void Connections_expire_by_state_and_stale_entries_are_unlinked_when_walked()
    {
        var firewall = new StatefulFirewall(4, 64, 1, establishedTimeout: 1000, transientTimeout: 100);
        firewall.AddRule(new FirewallRule(0, 0, 0, 0, 0, ushort.MaxValue, 0, allow: true));
        Send(firewall, Https, Wire.TcpSyn, 0);
        Send(firewall, Https.Reverse, Wire.TcpSyn | Wire.TcpAck, 1); // established
        Send(firewall, Dns, 0, 2);                                   // opening: transient timeout
        Assert.Equal(2, firewall.Connections.Count);

        // One bucket: the HTTPS lookup walks past the stale DNS entry (newest first) and unlinks it.
        Assert.True(Send(firewall, Https, Wire.TcpAck, 500));
        Assert.Equal(2, firewall.LastPacket.ChainLength);
        Assert.Equal(1, firewall.LastPacket.StaleUnlinked);
        Assert.Equal(1, firewall.Connections.Count);

        Assert.False(Send(firewall, Https, Wire.TcpAck, 1500));
        Assert.Equal(0, firewall.Connections.Count);
    }
}
