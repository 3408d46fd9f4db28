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
}
