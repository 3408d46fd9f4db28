using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Pix.IssueRate;

/// <summary>
/// One call's straight-line code, timed alone: how a block's latency combines its dependency chain and its
/// issue slots when the two are close. Each block (StraightLine.Blocks.cs) is a chain of <c>steps</c>
/// add-xor pairs (two cycles a step) beside eight independent mix-B groups (five slots each, as the
/// calibrator's issue-width kernels: add, add from memory, load then store, never-taken compare-and-branch),
/// interleaved in source so both are in the window from the first instruction; <c>ChainN</c> is the chain
/// alone. A call is fenced (<c>lfence</c> before it: nothing after the fence starts until everything before
/// it has finished), as one packet is between the driver's timestamps, so calls do not overlap and a call
/// costs the fence, the call and the block's own latency; the fenced empty block (<c>Chain0</c>) is subtracted.
/// </summary>
/// <remarks>
/// The blocks are written out (one method per block: no loop, no taken branch inside) by
/// <c>python3 bench/Pix.IssueRate/gen-straight-line.py</c>; each is the same text with more or fewer chain
/// steps or groups. Results: docs/accuracy.md, "Issue forms, ninth session".
/// </remarks>
internal sealed partial class StraightLine
{
    private readonly long[] _memory = new long[24];
    private readonly long _add = 0x5DEECE66EL;
    private readonly long _xor = 0x2545F4914F6CDD1CL;
    private readonly long _sentinel = 2;

    public StraightLine()
    {
        // Even values added to odd accumulators: no accumulator equals the sentinel 2.
        for (int i = 0; i < _memory.Length; i++)
        {
            _memory[i] = (i * 2) + 2;
        }
    }

    /// <summary>Chain steps of the blocks, in the order of <see cref="Blocks"/>.</summary>
    public static int[] Steps { get; } = { 0, 2, 3, 4, 5, 6, 7, 9 };

    /// <summary>Issue slots of the eight groups (the chain, the accumulators' set-up and the final sum not included).</summary>
    public const int GroupSlots = 40;

    /// <summary>The blocks with groups, then the chains alone, by chain steps.</summary>
    public (Func<long, long> WithGroups, Func<long, long> ChainAlone)[] Blocks() =>
    [
        (Chain0Groups8, Chain0), (Chain2Groups8, Chain2), (Chain3Groups8, Chain3), (Chain4Groups8, Chain4),
        (Chain5Groups8, Chain5), (Chain6Groups8, Chain6), (Chain7Groups8, Chain7), (Chain9Groups8, Chain9),
    ];

    /// <summary>Blocks of 4, 12 and 16 groups and no chain: how a fenced block's time grows with its slots.</summary>
    public Func<long, long>[] GroupsAlone() => [Chain0Groups4, Chain0Groups12, Chain0Groups16];

    /// <summary>Calls <paramref name="block"/> <paramref name="calls"/> times, each behind a fence.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Fenced(Func<long, long> block, int calls)
    {
        long total = 0;
        for (int i = 0; i < calls; i++)
        {
            Sse2.LoadFence();
            total += block(i);
        }

        Sse2.LoadFence();
        return total;
    }
}
