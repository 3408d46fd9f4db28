using System.Runtime.CompilerServices;

namespace Pix.Calibration.Kernels;

/// <summary>
/// Eight call targets that do the same (<c>x + 1</c>) from eight places in the code heap, for the
/// direct- and virtual-call kernels: each call site of a kernel calls a different one.
/// </summary>
/// <remarks>
/// With a single callee, a kernel's time per call depended on where the JIT happened to put the
/// kernel and its callee in that process: the call chain measured 10.7 or 11.7 ns per iteration, and
/// the six-stream call kernel 7.4 or 9.4 ns, level by level one cycle apart, the level kept for a whole
/// run (calibrations a minute apart disagreed by up to 24% on <see cref="OperationClass.Call"/>).
/// Eight callees average eight placements in every run, as a program's calls go to many methods.
/// </remarks>
internal static class Callees
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Next0(long x) => x + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Next1(long x) => x + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Next2(long x) => x + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Next3(long x) => x + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Next4(long x) => x + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Next5(long x) => x + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Next6(long x) => x + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Next7(long x) => x + 1;

    /// <summary>One instance of each virtual target, in call-site order.</summary>
    public static IncrementBase[] VirtualTargets() =>
        new IncrementBase[] { new Step0(), new Step1(), new Step2(), new Step3(), new Step4(), new Step5(), new Step6(), new Step7() };

    private sealed class Step0 : IncrementBase
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public override long Next(long x) => x + 1;
    }

    private sealed class Step1 : IncrementBase
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public override long Next(long x) => x + 1;
    }

    private sealed class Step2 : IncrementBase
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public override long Next(long x) => x + 1;
    }

    private sealed class Step3 : IncrementBase
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public override long Next(long x) => x + 1;
    }

    private sealed class Step4 : IncrementBase
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public override long Next(long x) => x + 1;
    }

    private sealed class Step5 : IncrementBase
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public override long Next(long x) => x + 1;
    }

    private sealed class Step6 : IncrementBase
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public override long Next(long x) => x + 1;
    }

    private sealed class Step7 : IncrementBase
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public override long Next(long x) => x + 1;
    }
}
