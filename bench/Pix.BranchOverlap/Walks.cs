using System;
using System.Runtime.CompilerServices;
using Pix.Calibration.Kernels;

namespace Pix.BranchOverlap;

/// <summary>
/// Walks over two successor tables (256 nodes each, one random cycle per table: in L1), one step per
/// iteration, the direction picked by a branch (both arms load, so RyuJIT keeps <c>bt</c>/<c>test</c> +
/// <c>jcc</c>, not a <c>cmov</c>). What differs between the kernels is only what the branch tests:
/// <list type="bullet">
/// <item><b>off the chain</b>: a bit of a stream held in a register (the router's
/// <c>(address &gt;&gt; (31 - depth)) &amp; 1</c>): the branch resolves as soon as it issues, while the
/// previous step's load is still in flight;</item>
/// <item><b>on the chain</b>: the low bit of the node just loaded, xor the stream's bit (<c>a[mid] &lt; key</c>'s
/// shape): the branch resolves only when the load returns, so a refill cannot start before it. The stream's
/// bit keeps the direction random: the node's own bit alone would be a function of the node, and the walk
/// over 256 nodes a path the predictor learns.</item>
/// </list>
/// Each kernel runs once with directions that never change (<c>predictable</c>: the stream's bits all
/// zero, the tested bit forced to 1) and once with random ones (half the branches miss), the same
/// instructions both times; the <c>multiplies</c> kernels lengthen the chain by two dependent multiplies by
/// a runtime 1, so the refill has more chain to hide behind.
/// </summary>
internal sealed class Walks
{
    public const int Nodes = 256;

    /// <summary>
    /// Bits in each stream, as in the calibrator's kernel (BranchMissKernels.StreamLength): the random pattern
    /// repeats only after 1,048,576 branches. Until the twenty-seventh session 65,536, which the Zen 5 guest's predictor
    /// learnt in part in the calibrator's kernel (`miss27`, docs/accuracy.md).
    /// </summary>
    public const int StreamLength = 1 << 20;

    private readonly int _streamLength;
    private readonly ulong[] _randomBits;
    private readonly ulong[] _equalBits;
    private readonly int[] _zero;
    private readonly int[] _one;
    private readonly int[] _pairs;
    private readonly int _unit = 1;
    private int _cursor;

    /// <param name="random">The stream's bits and the tables' cycles.</param>
    /// <param name="streamLength">Bits in each stream (a power of two of at least 64): shorter than <see cref="StreamLength"/> only to
    /// show what a predictor that learns the pattern does to the random walks.</param>
    public Walks(Random random, int streamLength = StreamLength)
    {
        _streamLength = streamLength;
        _randomBits = new ulong[streamLength / 64];
        _equalBits = new ulong[streamLength / 64];
        var bytes = new byte[sizeof(ulong)];
        for (int i = 0; i < _randomBits.Length; i++)
        {
            random.NextBytes(bytes);
            _randomBits[i] = BitConverter.ToUInt64(bytes, 0);
        }

        _zero = RandomCycles.Successors(Nodes, random);
        _one = RandomCycles.Successors(Nodes, random);
        _pairs = new int[2 * Nodes];
        for (int node = 0; node < Nodes; node++)
        {
            (_pairs[2 * node], _pairs[(2 * node) + 1]) = (_zero[node], _one[node]);
        }
    }

    /// <summary>The direction is the next bit of a stream (random or all zero): independent of the chain.</summary>
    public int OffChain(bool random, int steps, bool multiplies)
    {
        int start = _cursor + steps <= _streamLength ? _cursor : 0;
        _cursor = (start + steps + 63) & ~63;
        return multiplies
            ? OffChainMultiplied(random ? _randomBits : _equalBits, start, steps, _zero, _one, _unit)
            : OffChainLoadOnly(random ? _randomBits : _equalBits, start, steps, _zero, _one);
    }

    /// <summary>
    /// <see cref="OffChain"/> on random directions with the child picked without a branch (the two tables' entries for a
    /// node side by side, indexed by the stream's bit): the same chain and work, no miss. Random − this is what the misses
    /// add to the walk, measured against the walk that runs the same directions (twenty-eighth session, <c>offchain28</c>).
    /// </summary>
    public int OffChainBranchFree(int steps, bool multiplies)
    {
        int start = _cursor + steps <= _streamLength ? _cursor : 0;
        _cursor = (start + steps + 63) & ~63;
        return OffChainIndexed(_randomBits, start, steps, _pairs, multiplies ? _unit : 1, multiplies);
    }

    /// <summary>The direction is the loaded node's low bit (random), or forced to 1 (predictable).</summary>
    public int OnChain(bool random, int steps, bool multiplies)
    {
        int start = _cursor + steps <= _streamLength ? _cursor : 0;
        _cursor = (start + steps + 63) & ~63;
        ulong[] words = random ? _randomBits : _equalBits;
        int force = random ? 0 : 1;
        return multiplies
            ? OnChainMultiplied(words, force, start, steps, _zero, _one, _unit)
            : OnChainLoadOnly(words, force, start, steps, _zero, _one);
    }

    /// <summary>No chain: each step loads at its own index (the calibrator's branch-miss pair), so the front end binds.</summary>
    public int Independent(bool random, int steps)
    {
        int start = _cursor + steps <= _streamLength ? _cursor : 0;
        _cursor = (start + steps + 63) & ~63;
        return IndependentLoads(random ? _randomBits : _equalBits, start, steps, _zero, _one);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int IndependentLoads(ulong[] words, int start, int steps, int[] zero, int[] one)
    {
        int sum = 0;
        ulong word = 0;
        for (int i = 0; i < steps; i++)
        {
            int bit = (start + i) & 63;
            if (bit == 0)
            {
                word = words[(start + i) >> 6];
            }

            int slot = (start + i) & (Nodes - 1);
            sum += ((word >> bit) & 1) != 0 ? one[slot] : zero[slot];
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int OffChainLoadOnly(ulong[] words, int start, int steps, int[] zero, int[] one)
    {
        int node = 0;
        ulong word = 0;
        for (int i = 0; i < steps; i++)
        {
            int bit = (start + i) & 63;
            if (bit == 0)
            {
                word = words[(start + i) >> 6];
            }

            node = ((word >> bit) & 1) != 0 ? one[node] : zero[node];
        }

        return node;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int OffChainMultiplied(ulong[] words, int start, int steps, int[] zero, int[] one, int unit)
    {
        int node = 0;
        ulong word = 0;
        for (int i = 0; i < steps; i++)
        {
            int bit = (start + i) & 63;
            if (bit == 0)
            {
                word = words[(start + i) >> 6];
            }

            int next = ((word >> bit) & 1) != 0 ? one[node] : zero[node];
            node = next * unit * unit;
        }

        return node;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int OffChainIndexed(ulong[] words, int start, int steps, int[] pairs, int unit, bool multiplies)
    {
        int node = 0;
        ulong word = 0;
        for (int i = 0; i < steps; i++)
        {
            int bit = (start + i) & 63;
            if (bit == 0)
            {
                word = words[(start + i) >> 6];
            }

            int next = pairs[(2 * node) + (int)((word >> bit) & 1)];
            node = multiplies ? next * unit * unit : next;
        }

        return node;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int OnChainLoadOnly(ulong[] words, int force, int start, int steps, int[] zero, int[] one)
    {
        int node = start & (Nodes - 1);
        ulong word = 0;
        for (int i = 0; i < steps; i++)
        {
            int bit = (start + i) & 63;
            if (bit == 0)
            {
                word = words[(start + i) >> 6];
            }

            node = (((node ^ (int)(word >> bit)) | force) & 1) != 0 ? one[node] : zero[node];
        }

        return node;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int OnChainMultiplied(ulong[] words, int force, int start, int steps, int[] zero, int[] one, int unit)
    {
        int node = start & (Nodes - 1);
        ulong word = 0;
        for (int i = 0; i < steps; i++)
        {
            int bit = (start + i) & 63;
            if (bit == 0)
            {
                word = words[(start + i) >> 6];
            }

            int next = (((node ^ (int)(word >> bit)) | force) & 1) != 0 ? one[node] : zero[node];
            node = next * unit * unit;
        }

        return node;
    }
}
