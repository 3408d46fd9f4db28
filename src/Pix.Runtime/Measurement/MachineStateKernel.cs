namespace Pix;

/// <summary>What a <see cref="MachineState"/> kernel times, and so which of a profile's prices its ratio re-prices (<see cref="HardwareProfile.AdjustedTo"/>).</summary>
public enum MachineStateKernel
{
    /// <summary>A dependent integer ALU chain: the clock, which every class's cost follows.</summary>
    AluChain,

    /// <summary>A dependent load chain over data in L1: the <see cref="OperationClass.Load"/> latency.</summary>
    LoadChain,

    /// <summary>A pointer chase over <see cref="KernelRatio.WorkingSetBytes"/>: the memory-level curve at that size.</summary>
    MemoryChase,
}
