using System;

namespace Pix.Samples.NetworkFunctions.Firewall;

/// <summary>
/// One rule of the firewall's ordered rule list: source and destination prefixes, a destination
/// port range and a protocol (0 = any). The first rule that matches a new connection decides.
/// </summary>
public readonly struct FirewallRule
{
    /// <summary>Creates a rule.</summary>
    public FirewallRule(uint sourcePrefix, int sourceLength, uint destinationPrefix, int destinationLength,
        ushort firstPort, ushort lastPort, byte protocol, bool allow)
    {
        SourceMask = MaskOf(sourceLength, nameof(sourceLength));
        DestinationMask = MaskOf(destinationLength, nameof(destinationLength));
        SourcePrefix = sourcePrefix & SourceMask;
        DestinationPrefix = destinationPrefix & DestinationMask;
        FirstPort = firstPort;
        LastPort = lastPort;
        Protocol = protocol;
        Allow = allow;
    }

    /// <summary>Source prefix (already masked).</summary>
    public uint SourcePrefix { get; }
    /// <summary>Source mask.</summary>
    public uint SourceMask { get; }
    /// <summary>Destination prefix (already masked).</summary>
    public uint DestinationPrefix { get; }
    /// <summary>Destination mask.</summary>
    public uint DestinationMask { get; }
    /// <summary>First destination port matched.</summary>
    public ushort FirstPort { get; }
    /// <summary>Last destination port matched.</summary>
    public ushort LastPort { get; }
    /// <summary>IP protocol, 0 for any.</summary>
    public byte Protocol { get; }
    /// <summary>Whether a match allows (else denies) the connection.</summary>
    public bool Allow { get; }

    private static uint MaskOf(int length, string parameter) =>
        (uint)length > 32
            ? throw new ArgumentOutOfRangeException(parameter, length, "A prefix length is 0..32.")
            : length == 0 ? 0u : uint.MaxValue << (32 - length);
}
