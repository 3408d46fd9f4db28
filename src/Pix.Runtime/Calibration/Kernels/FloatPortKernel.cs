using System.Runtime.CompilerServices;

namespace Pix.Calibration.Kernels;

/// <summary>
/// The kernel that tells whether floating-point adds and multiplies share their execution ports: twelve
/// independent streams, each a subtract then a multiply an iteration (<c>a = (a - e) * m</c>: 12
/// <c>vsubsd</c>, 12 <c>vmulsd</c>, no loads), and the loop control. Where the two kinds share two ports
/// (Intel's Skylake to Ice Lake) the 24 operations take 12 cycles; where each kind has ports of its own
/// (AMD's Zen: two adders, two multipliers) they take the 6 of the busier kind; a third port for one kind
/// (Golden Cove's adder on port 5) lands in between (bench/Pix.IssueRate measured 9.2 cycles there). The
/// fadd and fmul stream kernels alone cannot tell these apart, so without this kernel a profile priced every
/// mix as shared (<see cref="FloatPortSharingFit"/>).
/// </summary>
/// <remarks>
/// Each stream's chain is one subtract and one multiply an iteration (5 cycles on Zen 5, 8 on Skylake), under
/// the 6 (or 12) the ports take, and 14 registers (twelve streams, e, m) fit the 16 of a core without AVX-512,
/// so nothing but the ports binds: the Tier-1 listing is the 24 operations on xmm0–xmm13 and <c>dec</c>/<c>jne</c>, no spill. m = 1/(1 + 1.19e-7) and e = 1e-9 keep every stream at a normal number
/// forever (its fixed point is about −8.4e-3).
/// </remarks>
internal static class FloatPortKernel
{
    /// <summary>Subtracts one iteration makes (counted as <see cref="OperationClass.FloatAdd"/>).</summary>
    public const int AddsPerIteration = 12;

    /// <summary>Multiplies one iteration makes.</summary>
    public const int MultipliesPerIteration = 12;

    /// <summary>
    /// Issue slots one iteration takes: the 24 operations and the loop control, which RyuJIT's Tier-1 code counts
    /// down (<c>dec esi</c>/<c>jne</c>, fused: <c>DOTNET_JitDisasm='*FloatPortKernel:Run'</c>), so a front end of 6 a
    /// cycle issues it in 4.2 cycles, under the ports' 6.
    /// </summary>
    public const int IssueSlotsPerIteration = AddsPerIteration + MultipliesPerIteration + 1;

    /// <summary>Runs <paramref name="iterations"/> iterations; returns the streams' sum so none is dead code.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Run(KernelState s, int iterations)
    {
        double e = s.Small, m = s.Down;
        double a0 = s.One, a1 = s.One, a2 = s.One, a3 = s.One, a4 = s.One, a5 = s.One, a6 = s.One, a7 = s.One, a8 = s.One, a9 = s.One, a10 = s.One, a11 = s.One;
        for (int i = 0; i < iterations; i++)
        {
            a0 = (a0 - e) * m;
            a1 = (a1 - e) * m;
            a2 = (a2 - e) * m;
            a3 = (a3 - e) * m;
            a4 = (a4 - e) * m;
            a5 = (a5 - e) * m;
            a6 = (a6 - e) * m;
            a7 = (a7 - e) * m;
            a8 = (a8 - e) * m;
            a9 = (a9 - e) * m;
            a10 = (a10 - e) * m;
            a11 = (a11 - e) * m;
        }

        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }
}
