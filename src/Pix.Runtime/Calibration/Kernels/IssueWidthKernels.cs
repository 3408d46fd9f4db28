using System.Runtime.CompilerServices;

namespace Pix.Calibration.Kernels;

/// <summary>
/// Kernels that measure the issue width: loops of independent instructions of several kinds at once,
/// so that no one execution port limits them and the front end (how many fused micro-operations the
/// core renames per cycle) does. Each group of five issue slots is an add, an add with a folded load
/// (<c>add reg, [mem]</c>: one slot, an ALU and a load port), a load whose value is stored (<c>mov</c>
/// from memory, <c>mov</c> to memory: two slots) and a compare-and-branch that is never taken (one
/// fused slot). Per five slots the ports see 3 ALU-or-branch, 2 load and 1 store micro-operations, so
/// at 6 slots per cycle a recent x86 core (5 ALU, 3 load, 2 store ports) still has room on every port,
/// and a 4-wide one has more.
/// </summary>
/// <remarks>
/// Three sizes, <see cref="Groups4"/>, <see cref="Groups6"/> and <see cref="Groups8"/>, with the same loop control
/// (<see cref="LoopSlots"/>) and one taken back-edge per iteration: where the code lands in memory can slow one
/// of them (the same body ran at 4.3 slots per cycle in the calibrator and 6.1 in bench/Pix.IssueRate), so the
/// width is the fastest of them (<see cref="IssueWidthFit"/>). Six accumulators,
/// each updated at most three times per iteration of the largest kernel (three cycles of chain against
/// seven of issue at width 6): the chains never bind. They start odd and only ever add even numbers,
/// so the never-equal compare against 2 is never taken and the JIT cannot know it. Loads and stores use
/// constant offsets from one array, so no bounds check or index arithmetic is emitted, and no load
/// reads what a store of the same iteration wrote (loads read slots 0–15, stores write 16–23).
/// Every body must match <see cref="SlotsPerIteration"/>; the JIT's code was checked with
/// <c>DOTNET_JitDisasm</c> (docs/calibration.md, "The issue width").
/// </remarks>
internal sealed class IssueWidthKernels
{
    /// <summary>Issue slots of one group: add, add from memory, load, store, compare-and-branch.</summary>
    public const int SlotsPerGroup = 5;

    /// <summary>
    /// The loop's own slots per iteration: two, <c>dec esi</c> and a fused <c>test esi, esi</c> / <c>jg</c> in
    /// the Tier-1 listing of both kernels. The loops count down on purpose: counting up, RyuJIT turned one
    /// kernel's loop around (<c>dec</c>/<c>jne</c>, one slot) and not the other's (<c>inc</c>, <c>cmp</c>/<c>jl</c>).
    /// </summary>
    public const int LoopSlots = 2;

    private readonly long[] _memory = new long[24];
    private readonly long _step = 0x5DEECE66EL;
    private readonly long _sentinel = 2;

    public IssueWidthKernels()
    {
        for (int i = 0; i < _memory.Length; i++)
        {
            _memory[i] = (i * 2) + 2;
        }
    }

    /// <summary>
    /// At how many moments of each calibration pass the kernels are timed (<see cref="PassSchedule"/>), the quietest batch
    /// over all of them giving each kernel's figure. What they measure, the slots a cycle the front end issues, is what
    /// another hardware thread of the core takes away (a shared core read 4.65–4.98 slots a cycle where a core of its own
    /// read 5.6–6.2), and such a thread holds the core for seconds: timed once a pass, the kernels saw about five moments
    /// of a calibration, and in two calibrations of three every one of them was shared (docs/accuracy.md, "issue25").
    /// </summary>
    public const int MomentsPerPass = 4;

    /// <summary>The kernels, by groups per iteration.</summary>
    public static int[] Sizes { get; } = { 4, 6, 8 };

    /// <summary>Issue slots of one iteration of the kernel with <paramref name="groups"/> groups, loop control included.</summary>
    public static int SlotsPerIteration(int groups) => (groups * SlotsPerGroup) + LoopSlots;

    /// <summary>Runs the kernel with <paramref name="groups"/> groups (one of <see cref="Sizes"/>).</summary>
    public long Run(int groups, int iterations) => groups switch
    {
        4 => Groups4(iterations),
        6 => Groups6(iterations),
        _ => Groups8(iterations),
    };

    /// <summary>Four groups: 20 mixed slots plus the loop's 2.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public long Groups4(int iterations)
    {
        ref long m = ref _memory[0];
        long y = _step, s = _sentinel;
        long a0 = 1, a1 = 3, a2 = 5, a3 = 7, a4 = 9, a5 = 11;
        for (int i = iterations; i > 0; i--)
        {
            a0 += y; a2 += Unsafe.Add(ref m, 0); Unsafe.Add(ref m, 16) = Unsafe.Add(ref m, 8); if (a4 == s) { break; }
            a1 += y; a3 += Unsafe.Add(ref m, 1); Unsafe.Add(ref m, 17) = Unsafe.Add(ref m, 9); if (a5 == s) { break; }
            a2 += y; a4 += Unsafe.Add(ref m, 2); Unsafe.Add(ref m, 18) = Unsafe.Add(ref m, 10); if (a0 == s) { break; }
            a3 += y; a5 += Unsafe.Add(ref m, 3); Unsafe.Add(ref m, 19) = Unsafe.Add(ref m, 11); if (a1 == s) { break; }
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    /// <summary>Six groups: 30 mixed slots plus the loop's 2.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public long Groups6(int iterations)
    {
        ref long m = ref _memory[0];
        long y = _step, s = _sentinel;
        long a0 = 1, a1 = 3, a2 = 5, a3 = 7, a4 = 9, a5 = 11;
        for (int i = iterations; i > 0; i--)
        {
            a0 += y; a2 += Unsafe.Add(ref m, 0); Unsafe.Add(ref m, 16) = Unsafe.Add(ref m, 8); if (a4 == s) { break; }
            a1 += y; a3 += Unsafe.Add(ref m, 1); Unsafe.Add(ref m, 17) = Unsafe.Add(ref m, 9); if (a5 == s) { break; }
            a2 += y; a4 += Unsafe.Add(ref m, 2); Unsafe.Add(ref m, 18) = Unsafe.Add(ref m, 10); if (a0 == s) { break; }
            a3 += y; a5 += Unsafe.Add(ref m, 3); Unsafe.Add(ref m, 19) = Unsafe.Add(ref m, 11); if (a1 == s) { break; }
            a4 += y; a0 += Unsafe.Add(ref m, 4); Unsafe.Add(ref m, 20) = Unsafe.Add(ref m, 12); if (a2 == s) { break; }
            a5 += y; a1 += Unsafe.Add(ref m, 5); Unsafe.Add(ref m, 21) = Unsafe.Add(ref m, 13); if (a3 == s) { break; }
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    /// <summary>Eight groups: 40 mixed slots plus the loop's 2.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public long Groups8(int iterations)
    {
        ref long m = ref _memory[0];
        long y = _step, s = _sentinel;
        long a0 = 1, a1 = 3, a2 = 5, a3 = 7, a4 = 9, a5 = 11;
        for (int i = iterations; i > 0; i--)
        {
            a0 += y; a2 += Unsafe.Add(ref m, 0); Unsafe.Add(ref m, 16) = Unsafe.Add(ref m, 8); if (a4 == s) { break; }
            a1 += y; a3 += Unsafe.Add(ref m, 1); Unsafe.Add(ref m, 17) = Unsafe.Add(ref m, 9); if (a5 == s) { break; }
            a2 += y; a4 += Unsafe.Add(ref m, 2); Unsafe.Add(ref m, 18) = Unsafe.Add(ref m, 10); if (a0 == s) { break; }
            a3 += y; a5 += Unsafe.Add(ref m, 3); Unsafe.Add(ref m, 19) = Unsafe.Add(ref m, 11); if (a1 == s) { break; }
            a4 += y; a0 += Unsafe.Add(ref m, 4); Unsafe.Add(ref m, 20) = Unsafe.Add(ref m, 12); if (a2 == s) { break; }
            a5 += y; a1 += Unsafe.Add(ref m, 5); Unsafe.Add(ref m, 21) = Unsafe.Add(ref m, 13); if (a3 == s) { break; }
            a0 += y; a2 += Unsafe.Add(ref m, 6); Unsafe.Add(ref m, 22) = Unsafe.Add(ref m, 14); if (a4 == s) { break; }
            a1 += y; a3 += Unsafe.Add(ref m, 7); Unsafe.Add(ref m, 23) = Unsafe.Add(ref m, 15); if (a5 == s) { break; }
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }
}
