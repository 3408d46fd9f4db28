using System.Collections.Generic;

namespace Pix;

public sealed partial class HardwareProfile
{
    /// <summary>
    /// The shipped reference profile: a generic 3 GHz out-of-order x86-64 core running .NET with tiered
    /// JIT. Costs are per operation in nanoseconds (latency, reciprocal throughput), from published
    /// instruction tables (1 cycle = 0.33 ns) rounded; the JIT's own overheads (bounds checks, call
    /// frames, allocation helpers) are estimates. Its issue width is the default, 4 micro-operations per
    /// cycle (an issue slot costs 0.33 / 4 = 0.0825 ns). Generated interfaces describe their formula on this
    /// profile, and resolution merging compares pieces on it. Calibrate a machine for real numbers.
    /// </summary>
    public static HardwareProfile Reference { get; } = CreateReference();

    /// <summary>
    /// A mispredicted branch on the reference core: 16.5 cycles (5.5 ns at 3 GHz), the middle of the
    /// 15–20 cycles Agner Fog's microarchitecture manual gives for recent Intel and AMD cores (the
    /// refill from the branch's resolution to the first correct-path instruction issuing). Also the
    /// cost a profile written before the class existed takes (<see cref="TryGetLaterClassDefault"/>).
    /// </summary>
    private static OperationCost ReferenceBranchMiss => new(5.5, 5.5); // a property: static fields initialise in text order, after Reference

    /// <summary>
    /// A <c>lock</c>-prefixed read-modify-write on the reference core, uncontended: 18 cycles (6.0 ns at 3 GHz),
    /// latency and throughput alike (a locked instruction drains the store buffer, so the next one cannot start
    /// early): Agner Fog's instruction tables give about 18 cycles for <c>lock xadd</c>/<c>lock cmpxchg</c> on Intel
    /// Skylake-family cores, and LLVM's AMD Jaguar scheduling model about 17 (commit "[X86][Btver2] Fix latency and
    /// throughput of CMPXCHG instructions"); recent AMD Zen cores take fewer (docs/calibration.md has this machine's).
    /// Also the cost a profile written before the class existed takes (<see cref="TryGetLaterClassDefault"/>).
    /// </summary>
    private static OperationCost ReferenceAtomicRmw => new(6.0, 6.0);

    /// <summary>
    /// The cost of a class added to <see cref="OperationClass"/> after profiles were first written, for
    /// a profile (a file, or a dictionary from older code) that has none, given the costs it has
    /// (<paramref name="given"/>). A profile calibrated before <see cref="OperationClass.BranchMiss"/>
    /// existed did not measure it, and pricing misses at 0 there would quietly keep the old
    /// under-prediction; it takes the reference core's, the published figure for the same kind of core.
    /// A profile without <see cref="OperationClass.ScaledLea"/> takes twice its own
    /// <see cref="OperationClass.IntegerAlu"/> latency: the two ALU latencies the extractor put on the
    /// chain for a scaled <c>lea</c> before the class existed, so an old profile prices every interface
    /// as it did (and as the Xeon of the seventh session measured). A profile without
    /// <see cref="OperationClass.AtomicRmw"/> takes the reference core's, as for a miss: no interface counted the
    /// class before it existed (an interlocked call or a <c>lock</c> was an opaque term), so every older interface
    /// prices as it did on such a profile, whatever the default; the published figure is the honest guess for an
    /// interface that counts it. A profile without <see cref="OperationClass.LibraryCopyCall"/> takes its own
    /// <see cref="OperationClass.Call"/> cost: the copy rows counted a <see cref="OperationClass.Call"/> before the class
    /// existed, so every interface prices on such a profile as it did. A profile without
    /// <see cref="OperationClass.LoopExitMiss"/> takes its own <see cref="OperationClass.BranchMiss"/> (the reference core's
    /// when it has none either): a data-stopped loop's exit counted one <see cref="OperationClass.BranchMiss"/> before the
    /// class existed, so every interface prices on such a profile as it did. Calibrate again to measure any of them.
    /// </summary>
    internal static bool TryGetLaterClassDefault(OperationClass operation, IReadOnlyDictionary<OperationClass, OperationCost> given, out OperationCost cost)
    {
        switch (operation)
        {
            case OperationClass.BranchMiss:
                cost = ReferenceBranchMiss;
                return true;
            case OperationClass.ScaledLea when given.TryGetValue(OperationClass.IntegerAlu, out OperationCost alu):
                cost = ScaledLeaFromAlu(alu);
                return true;
            case OperationClass.AtomicRmw:
                cost = ReferenceAtomicRmw;
                return true;
            case OperationClass.LibraryCopyCall when given.TryGetValue(OperationClass.Call, out OperationCost call):
                cost = call;
                return true;
            case OperationClass.LoopExitMiss:
                cost = given.TryGetValue(OperationClass.BranchMiss, out OperationCost miss) ? miss : ReferenceBranchMiss;
                return true;
            default:
                cost = default;
                return false;
        }
    }

    /// <summary>
    /// A scaled <c>lea</c> as two ALU latencies (latency and throughput alike: the class is chain-only,
    /// <see cref="PriceBlock(System.ReadOnlySpan{OperationClass}, System.ReadOnlySpan{double}, System.ReadOnlySpan{OperationClass}, System.ReadOnlySpan{double}, double, double)"/>
    /// never reads its throughput): the reference core's value and an older profile's default.
    /// </summary>
    internal static OperationCost ScaledLeaFromAlu(OperationCost alu) => new(2 * alu.Latency, 2 * alu.Latency);

    private static HardwareProfile CreateReference()
    {
        var costs = new Dictionary<OperationClass, OperationCost>
        {
            [OperationClass.IntegerAlu] = new(0.33, 0.10),
            [OperationClass.IntegerMultiply] = new(1.00, 0.33),
            [OperationClass.IntegerDivide] = new(8.00, 6.00),
            [OperationClass.FloatAdd] = new(1.00, 0.17),
            [OperationClass.FloatMultiply] = new(1.00, 0.17),
            [OperationClass.FloatDivide] = new(4.00, 1.50),
            [OperationClass.Load] = new(1.33, 0.17),
            [OperationClass.Store] = new(0.33, 0.33),
            [OperationClass.BoundsCheck] = new(0.33, 0.10),
            [OperationClass.Branch] = new(0.33, 0.17),
            [OperationClass.Call] = new(1.50, 1.00),
            [OperationClass.VirtualCall] = new(2.00, 1.50),
            [OperationClass.InterfaceCall] = new(3.00, 2.00),
            [OperationClass.DelegateCall] = new(2.50, 2.00),
            [OperationClass.Allocation] = new(15.0, 10.0),
            [OperationClass.AllocatedByte] = new(0.05, 0.03),
            [OperationClass.CopiedByte] = new(0.05, 0.03),
            [OperationClass.ComparedByte] = new(0.05, 0.03),
            [OperationClass.HashedByte] = new(0.30, 0.25),
            [OperationClass.TypeCheck] = new(1.00, 0.50),
            [OperationClass.BranchMiss] = ReferenceBranchMiss,
            [OperationClass.AtomicRmw] = ReferenceAtomicRmw,
        };
        costs[OperationClass.ScaledLea] = ScaledLeaFromAlu(costs[OperationClass.IntegerAlu]);

        // No published figure prices a library call's wrapper and copy entry apart from its bytes; the reference core takes
        // its Call cost, what the copy rows counted before the class existed, so interfaces and docs priced on this profile
        // read as they did. A calibrated profile measures it (docs/calibration.md).
        costs[OperationClass.LibraryCopyCall] = costs[OperationClass.Call];

        // Nor a mispredicted loop exit apart from a miss: the reference core takes its BranchMiss, what the exit counted
        // before the class existed (a calibrated profile measures it: LoopExitKernels).
        costs[OperationClass.LoopExitMiss] = costs[OperationClass.BranchMiss];

        var machine = new MachineDescription
        {
            Cpu = "reference: generic 3 GHz x86-64 out-of-order core",
            Cores = 1,
            OperatingSystem = "any",
            Runtime = ".NET 8 or later",
            JitSettings = "tiered compilation, steady state (tier 1)",
        };

        // Dependent-load latency by working set, from the published load-to-use latencies of recent
        // x86-64 server cores at 3 GHz: L1 4 cycles (the Load class), L2 ~12 cycles, L3 ~40 cycles,
        // DRAM ~80 ns, and ~100 ns once page walks miss their caches too (hundreds of MiB).
        var memoryLoads = new MemoryLoadLatency[]
        {
            new(16 << 10, 1.33),
            new(256 << 10, 4.0),
            new(4 << 20, 13.0),
            new(64 << 20, 80.0),
            new(256 << 20, 100.0),
        };

        return new HardwareProfile("reference", machine, costs, opaqueCallCosts: null, defaultOpaqueCallNs: 50).WithMemoryLoads(memoryLoads);
    }
}
