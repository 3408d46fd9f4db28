namespace Pix;

/// <summary>What a <see cref="HardwareProfile"/> was measured on (or, for the reference, stands for).</summary>
public sealed record MachineDescription
{
    /// <summary>Processor name as reported by the OS.</summary>
    public string Cpu { get; init; } = "unknown";

    /// <summary>Logical processors available to the process.</summary>
    public int Cores { get; init; }

    /// <summary>Operating system description.</summary>
    public string OperatingSystem { get; init; } = "unknown";

    /// <summary>Runtime description, e.g. <c>.NET 10.0.12</c>.</summary>
    public string Runtime { get; init; } = "unknown";

    /// <summary>JIT and GC settings that change code speed (tiering, PGO, server GC).</summary>
    public string JitSettings { get; init; } = "unknown";

    /// <summary>
    /// The size in bytes of the second-level cache one core's loads are served from; null when unknown (a profile
    /// recorded before it was read, or a machine that does not say). It tells a cold load served by L2 from one
    /// that missed it: without it, <see cref="HardwareProfile.L2HitNs"/> is 0 and loads served by L2 price as hits.
    /// </summary>
    public long? L2CacheBytes { get; init; }
}
