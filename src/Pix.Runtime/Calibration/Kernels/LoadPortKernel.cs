using System.Runtime.CompilerServices;

namespace Pix.Calibration.Kernels;

/// <summary>
/// The kernel that measures how many loads the core starts per cycle: twelve integer adds from memory
/// (<c>add rdx, qword ptr [rax+0x08]</c>, one issue slot, an ALU and a load port each) into six accumulators,
/// and a count-down loop (<c>dec</c>, fused <c>test</c>/<c>jg</c>). Per iteration that is 12 loads, 13 ALU
/// operations and 14 issue slots, so on a core with 3 load ports the loads take 4 cycles where the ALU ports
/// (about 4.2 a cycle on this project's machine) take 3.1 and the front end (5.6 slots a cycle) 2.5: no ALU or
/// issue limit hides the load ports. The stream kernels cannot tell a load's throughput (the fit charges
/// their time to the ALU work around the loads and gives <see cref="OperationClass.Load"/> 0), so without
/// this kernel the port bound never held a loop back for its loads.
/// </summary>
/// <remarks>
/// The offsets start at 12, not 0: RyuJIT hoisted a load through the bare reference (<c>a0 += m</c>) out of
/// the loop, as nothing in it stores. The Tier-1 listing (<c>DOTNET_JitDisasm=Loads12</c>) has the twelve
/// folded adds; each accumulator is updated twice per iteration (a two-cycle chain, under the four).
/// </remarks>
internal sealed class LoadPortKernel
{
    /// <summary>Loads one iteration makes.</summary>
    public const int LoadsPerIteration = 12;

    private readonly long[] _memory = new long[24];

    public LoadPortKernel()
    {
        for (int i = 0; i < _memory.Length; i++)
        {
            _memory[i] = i + 1;
        }
    }

    /// <summary>Runs <paramref name="iterations"/> iterations of twelve loads.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public long Loads12(int iterations)
    {
        ref long m = ref _memory[0];
        long a0 = 1, a1 = 3, a2 = 5, a3 = 7, a4 = 9, a5 = 11;
        for (int i = iterations; i > 0; i--)
        {
            a0 += Unsafe.Add(ref m, 12); a1 += Unsafe.Add(ref m, 13); a2 += Unsafe.Add(ref m, 14); a3 += Unsafe.Add(ref m, 15);
            a4 += Unsafe.Add(ref m, 16); a5 += Unsafe.Add(ref m, 17); a0 += Unsafe.Add(ref m, 18); a1 += Unsafe.Add(ref m, 19);
            a2 += Unsafe.Add(ref m, 20); a3 += Unsafe.Add(ref m, 21); a4 += Unsafe.Add(ref m, 22); a5 += Unsafe.Add(ref m, 23);
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }
}
