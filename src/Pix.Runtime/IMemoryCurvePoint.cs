namespace Pix;

/// <summary>
/// A point of one of a profile's memory curves (<see cref="MemoryLoadLatency"/>, <see cref="MemoryStoreCost"/>):
/// what an access costs when its data is spread over <see cref="WorkingSetBytes"/>. Both curves are read
/// and checked by one rule, through this, without boxing.
/// </summary>
internal interface IMemoryCurvePoint
{
    /// <summary>Bytes the accesses are spread over.</summary>
    long WorkingSetBytes { get; }

    /// <summary>Nanoseconds per access at that size.</summary>
    double Ns { get; }
}
