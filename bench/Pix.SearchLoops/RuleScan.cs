using System;
using System.Runtime.CompilerServices;

namespace Pix.SearchLoops;

/// <summary>A firewall rule laid out as samples/NetworkFunctions' <c>FirewallRule</c> (24 bytes).</summary>
internal readonly struct Rule(uint sourcePrefix, uint sourceMask, uint destinationPrefix, uint destinationMask, ushort firstPort, ushort lastPort, byte protocol)
{
    public readonly uint SourcePrefix = sourcePrefix & sourceMask;
    public readonly uint SourceMask = sourceMask;
    public readonly uint DestinationPrefix = destinationPrefix & destinationMask;
    public readonly uint DestinationMask = destinationMask;
    public readonly ushort FirstPort = firstPort;
    public readonly ushort LastPort = lastPort;
    public readonly byte Protocol = protocol;
    public readonly bool Allow = true;
}

/// <summary>The packet fields a rule tests.</summary>
internal readonly record struct Packet(uint SourceIp, uint DestinationIp, ushort DestinationPort, byte Protocol);

/// <summary>
/// The first-match scan of <c>StatefulFirewall.FirstMatchAllows</c>: a counted loop over the rules whose
/// exit test is a 4-way <c>&amp;&amp;</c> (and an <c>||</c>). The rule tables differ in where each rule's
/// test fails, so the time per rule says what a failing iteration costs at each depth of the chain.
/// </summary>
internal sealed class RuleScan(Rule[] rules)
{
    private readonly Rule[] _rules = rules;
    private readonly int _ruleCount = rules.Length;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool FirstMatchAllows(in Packet headers, out int scanned)
    {
        scanned = 0;
        for (int i = 0; i < _ruleCount; i++)
        {
            scanned++;
            ref readonly Rule rule = ref _rules[i];
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

    /// <summary>
    /// <paramref name="count"/> rules that packets from 10.0.0.0/8 to 172.16.0.0/12 port 9999 fail at
    /// operand <paramref name="failAt"/> (1: source, 2: destination, 3: first port, 4: last port), or at
    /// an operand drawn per rule from 1–4 when <paramref name="failAt"/> is 0.
    /// </summary>
    public static Rule[] FailingAt(int failAt, int count, Random random)
    {
        var rules = new Rule[count];
        for (int i = 0; i < count; i++)
        {
            int at = failAt == 0 ? random.Next(1, 5) : failAt;
            rules[i] = at switch
            {
                1 => new Rule(0xC0000000u | ((uint)random.Next() & 0x3FFFFF00u), 0xFFFFFF00u, 0, 0, 0, ushort.MaxValue, 0),
                2 => new Rule(0, 0, 0xC0A80000u | ((uint)random.Next() & 0xFF00u), 0xFFFFFF00u, 0, ushort.MaxValue, 0),
                3 => new Rule(0, 0, 0, 0, 10_000, ushort.MaxValue, 0),
                _ => new Rule(0, 0, 0, 0, 443, 443, 0),
            };
        }

        return rules;
    }

    /// <summary>The sample's table: two rules that fail at the last port, then 98 that fail at the source.</summary>
    public static Rule[] LikeTheSample(Random random)
    {
        Rule[] rules = FailingAt(1, 100, random);
        rules[0] = new Rule(0x0A000000u, 0xFF000000u, 0, 0, 443, 443, 6);
        rules[1] = new Rule(0x0A000000u, 0xFF000000u, 0, 0, 53, 53, 17);
        return rules;
    }

    public static Packet RandomPacket(Random random) =>
        new(0x0A000000u | ((uint)random.Next() & 0xFFFFFF), 0xAC100000u | ((uint)random.Next() & 0xFFFFF), 9999, 17);
}
