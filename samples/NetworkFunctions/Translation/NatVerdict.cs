namespace Pix.Samples.NetworkFunctions.Translation;

/// <summary>What the NAT did with a packet.</summary>
public enum NatVerdict
{
    /// <summary>Translated and written to the output buffer.</summary>
    Translated,
    /// <summary>Not an IPv4 UDP/TCP packet, or the output buffer is too small.</summary>
    DroppedMalformed,
    /// <summary>An external packet that matches no flow (or not the flow's remote end).</summary>
    DroppedNoFlow,
    /// <summary>A new internal flow while the table is full.</summary>
    DroppedTableFull,
}

/// <summary>The PCV values one packet induced in the NAT, read from the table as it ran.</summary>
/// <param name="ExpiredFlows">Flows expired before handling the packet.</param>
/// <param name="ChainLength">Flow-table entries compared during the lookup (0 for external packets: they index directly).</param>
/// <param name="TransportChecksumUpdated">The translated packet's transport checksum was patched (TCP, or UDP with a checksum).</param>
public readonly record struct NatPcvs(int ExpiredFlows, int ChainLength, bool TransportChecksumUpdated);
