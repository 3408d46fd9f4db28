namespace Pix.Samples.NetworkFunctions.Translation;

/// <summary>Configuration of a <see cref="Nat"/>.</summary>
/// <param name="ExternalIp">The NAT's public address.</param>
/// <param name="FirstExternalPort">External port of flow entry 0; entry i uses FirstExternalPort + i.</param>
/// <param name="Capacity">Maximum concurrent flows.</param>
/// <param name="BucketCount">Hash buckets of the flow table (a power of two).</param>
/// <param name="FlowTimeout">Idle time (in the caller's clock units) after which a flow expires.</param>
public sealed record NatConfig(uint ExternalIp, ushort FirstExternalPort, int Capacity, int BucketCount, long FlowTimeout);
