using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Calibration.Kernels;
using static Pix.OperationClass;

namespace Pix.Calibration;

/// <summary>A kernel to time: its name, the bound it exercises, what one iteration counts, and the code.</summary>
internal sealed record CalibrationKernel(
    string Name,
    KernelBound Bound,
    IReadOnlyDictionary<OperationClass, double> CountsPerIteration,
    Func<KernelState, int, long> Run);

/// <summary>
/// The catalogue of kernels and the operations each one's iteration performs. These counts are the
/// left-hand side of the fit; they say what the kernel bodies do (read them side by side with
/// <see cref="LatencyKernels"/> and <see cref="ThroughputKernels"/>).
/// </summary>
/// <remarks>
/// Counting conventions, the same the extractor uses: a compare is an <see cref="IntegerAlu"/>
/// operation and the conditional jump a <see cref="Branch"/>; an index computation <c>j + k</c> is one
/// ALU operation; <c>new byte[n]</c> is one <see cref="Allocation"/> plus n <see cref="AllocatedByte"/>;
/// a call counts the call itself, and the callee's body (<c>x + 1</c>) separately.
/// <para>A stream kernel's own loop control counts too, as the extractor counts it in every loop
/// body: <see cref="LoopControl"/> (the counter's increment and compare, and the back-edge). An
/// interface prices each iteration of a user's loop with the same classes, so whatever the
/// counter and the taken back-edge cost on this machine must land in those classes' costs, not in a
/// separate overhead no interface reads (an earlier version fitted such a column: 0.5 ns per
/// iteration that no prediction ever paid, and <c>IndexOf</c>'s scan was under-predicted by a third).</para>
/// </remarks>
internal static class CalibrationKernels
{
    /// <summary>
    /// What the loop around a stream kernel's body adds per iteration, counted as the extractor counts
    /// a <c>for (int i = 0; i &lt; n; i++)</c> loop: <c>i++</c> and <c>i &lt; n</c> (two ALU operations) and
    /// the conditional back-edge (one branch). Declared before <see cref="All"/>, which reads it
    /// (static initialisers run in text order).
    /// </summary>
    public static IReadOnlyList<(OperationClass Class, double Count)> LoopControl { get; } = new[] { (IntegerAlu, 2.0), (Branch, 1.0) };

    /// <summary>The integer ALU chain's name: <c>pix calibrate</c> prices it at the mean over processes (<see cref="ProcessAverage"/>).</summary>
    public const string AluChainName = "alu chain";

    public static IReadOnlyList<CalibrationKernel> All { get; } = new[]
    {
        Latency(AluChainName, LatencyKernels.Alu, (IntegerAlu, 16)),
        Latency("mul chain", LatencyKernels.Multiply, (IntegerMultiply, 16)),
        Latency("mul+add chain", LatencyKernels.MultiplyAdd, (IntegerMultiply, 8), (IntegerAlu, 8)),
        Latency("div chain", LatencyKernels.Divide, (IntegerDivide, 8), (IntegerAlu, 8)),
        Latency("fadd chain", LatencyKernels.FloatAdd, (FloatAdd, 16)),
        Latency("fmul chain", LatencyKernels.FloatMultiply, (FloatMultiply, 16)),
        Latency("fmul+fadd chain", LatencyKernels.FloatMultiplyAdd, (FloatMultiply, 8), (FloatAdd, 8)),
        Latency("fdiv chain", LatencyKernels.FloatDivide, (FloatDivide, 16)),
        Latency("load chain", LatencyKernels.Load, (Load, 16)),
        Latency("load+xor chain", LatencyKernels.LoadXor, (Load, 16), (IntegerAlu, 16)),
        Latency("lea+load chain", LatencyKernels.ScaledLeaLoad, (ScaledLea, 16), (Load, 16)),
        Latency("lea+lea+load chain", LatencyKernels.KeptScaledLeaLoad, (ScaledLea, 32), (Load, 16)),
        Latency("call chain", LatencyKernels.Call, (Call, 8), (IntegerAlu, 8)),
        Latency("virtual call chain", LatencyKernels.VirtualCall, (VirtualCall, 8), (IntegerAlu, 8)),
        Latency("interface call chain", LatencyKernels.InterfaceCall, (InterfaceCall, 8), (IntegerAlu, 8)),
        Latency("delegate call chain", LatencyKernels.DelegateCall, (DelegateCall, 8), (IntegerAlu, 8)),
        Latency("interlocked chain", AtomicKernels.Chain, (AtomicRmw, 16)),

        Throughput("loop", ThroughputKernels.Loop, (IntegerAlu, 1)),
        Throughput("alu x12", ThroughputKernels.Alu12, (IntegerAlu, 12)),
        Throughput("alu x24", ThroughputKernels.Alu24, (IntegerAlu, 24)),
        Throughput("mul x12", ThroughputKernels.Multiply, (IntegerMultiply, 12)),
        Throughput("div x6", ThroughputKernels.Divide, (IntegerDivide, 6), (IntegerAlu, 6)),
        Throughput("fadd x24", ThroughputKernels.FloatAdd, (FloatAdd, 24)),
        Throughput("fmul x24", ThroughputKernels.FloatMultiply, (FloatMultiply, 24)),
        Throughput("fdiv x8", ThroughputKernels.FloatDivide, (FloatDivide, 8)),
        Throughput("load x8", ThroughputKernels.Load, (Load, 8), (IntegerAlu, 10)),
        Throughput("checked load x8", ThroughputKernels.LoadChecked, (Load, 8), (BoundsCheck, 8), (IntegerAlu, 17)),
        Throughput("store x8", ThroughputKernels.Store, (Store, 8), (IntegerAlu, 2)),
        Throughput("branch x6", ThroughputKernels.Branch, (Branch, 6), (IntegerAlu, 12)),
        Throughput("call x6", ThroughputKernels.Call, (Call, 6), (IntegerAlu, 6)),
        Throughput("virtual call x6", ThroughputKernels.VirtualCall, (VirtualCall, 6), (IntegerAlu, 6)),
        Throughput("interface call x6", ThroughputKernels.InterfaceCall, (InterfaceCall, 6), (IntegerAlu, 6)),
        Throughput("delegate call x6", ThroughputKernels.DelegateCall, (DelegateCall, 6), (IntegerAlu, 6)),
        Throughput("interlocked x8", AtomicKernels.Independent, (AtomicRmw, 8)),
        Throughput("type check x8", ThroughputKernels.TypeCheck, (TypeCheck, 8), (Load, 8), (BoundsCheck, 8), (IntegerAlu, 32)),
        Throughput("alloc 16 B x4", ThroughputKernels.Allocate16, (Allocation, 4), (AllocatedByte, 64), (Store, 4)),
        Throughput("alloc 256 B x4", ThroughputKernels.Allocate256, (Allocation, 4), (AllocatedByte, 1024), (Store, 4)),
        Throughput("alloc 2 KB x4", ThroughputKernels.Allocate2048, (Allocation, 4), (AllocatedByte, 8192), (Store, 4)),
    };

    /// <summary>
    /// Classes whose latency is not measured but set equal to their throughput, and why (docs/calibration.md
    /// explains each). A bounds check or a predicted branch is not on any data dependency chain; a store
    /// ends one (a store-then-load chain measured about one cycle per link: the round trip was removed);
    /// allocation, type checks and bulk primitives are helper calls too coarse to tell the two apart.
    /// </summary>
    public static IReadOnlyDictionary<OperationClass, string> LatencyDerivedFromThroughput { get; } = new Dictionary<OperationClass, string>
    {
        [Store] = "latency = throughput (a store ends a chain)",
        [BoundsCheck] = "latency = throughput (off the data chain)",
        [Branch] = "latency = throughput (predicted; off the data chain)",
        [TypeCheck] = "latency = throughput (cast helper)",
        [Allocation] = "latency = throughput (allocation helper); the median of the allocation kernels' timings, used only when their quietest batches give no per-object cost (AllocationFit)",
        [AllocatedByte] = "latency = throughput (bulk zeroing); the median of the allocation kernels' timings, not the quietest (KernelStatistic)",
        [CopiedByte] = "per-byte slope over 256..4096 B; latency = throughput",
        [ComparedByte] = "per-byte slope over 256..4096 B; latency = throughput",
        [HashedByte] = "per-byte slope over 256..4096 B; latency = throughput",
        [BranchMiss] = $"(random − equal bits, quietest batch of each) / {BranchMissKernels.MissesPerIteration} miss per branch; latency = throughput",
        [LibraryCopyCall] = "the append kernel's time beyond what its other counts price at, per append; latency = throughput (library call)",
        [LoopExitMiss] = $"(random of {LoopExitKernels.ExitPositions} − fixed exit, quietest batch of each) per search of ~{LoopExitKernels.MeanItemsSearched} items; latency = throughput",
    };

    /// <summary>
    /// Classes that only a chain counts, so only latency kernels measure them, and why: their throughput is
    /// set equal to the latency (pricing never reads it).
    /// </summary>
    public static IReadOnlyDictionary<OperationClass, string> ChainOnly { get; } = new Dictionary<OperationClass, string>
    {
        [ScaledLea] = "chain only (its issue slot is an IntegerAlu); throughput = latency",
    };

    private static CalibrationKernel Latency(string name, Func<KernelState, int, long> run, params (OperationClass Class, double Count)[] counts) =>
        new(name, KernelBound.Latency, ToDictionary(counts), run);

    // Out of order, a chain kernel's loop control runs beside the measured chain, so it is not counted there.
    private static CalibrationKernel Throughput(string name, Func<KernelState, int, long> run, params (OperationClass Class, double Count)[] counts) =>
        new(name, KernelBound.Throughput, ToDictionary(counts.Concat(LoopControl)), run);

    private static IReadOnlyDictionary<OperationClass, double> ToDictionary(IEnumerable<(OperationClass Class, double Count)> counts)
    {
        var result = new Dictionary<OperationClass, double>();
        foreach ((OperationClass c, double n) in counts)
        {
            result[c] = result.TryGetValue(c, out double before) ? before + n : n;
        }

        return result;
    }
}
