using System;

namespace Pix;

// How much floating-point adds and multiplies compete for execution ports. On Intel's cores since Skylake both
// run on ports 0 and 1 (Golden Cove adds an adder on port 5), so a loop of both is no faster than their pooled
// rate; AMD's Zen cores (1 to 5) have two adders and two multipliers of their own, so such a loop runs at the
// busier kind's rate. The calibrator measures which (FloatPortKernel, FloatPortSharingFit).
public sealed partial class HardwareProfile
{
    /// <summary>
    /// The sharing a profile has unless it says otherwise: 1, one pool of ports, the rule of the cores the reference
    /// profile and every profile before the measurement describe (Skylake to Ice Lake share ports 0 and 1 exactly).
    /// </summary>
    public const double DefaultFloatPortSharing = 1;

    private double _floatPortSharing = DefaultFloatPortSharing;

    /// <summary>
    /// How much <see cref="OperationClass.FloatAdd"/> and <see cref="OperationClass.FloatMultiply"/> operations share
    /// their ports, from 0 to 1: a block's float-port bound is <c>max(A, M) + sharing · min(A, M)</c>, A and M the two
    /// kinds' <c>count · throughput</c>. 1 (<see cref="DefaultFloatPortSharing"/>) is their sum, 0 the busier kind alone.
    /// </summary>
    public double FloatPortSharing => _floatPortSharing;

    /// <summary>A copy of this profile with another sharing of the float ports.</summary>
    /// <param name="sharing">From 0 (ports of their own) to 1 (shared ports).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sharing"/> is NaN or outside [0, 1].</exception>
    public HardwareProfile WithFloatPortSharing(double sharing)
    {
        if (!IsValidFloatPortSharing(sharing))
        {
            throw new ArgumentOutOfRangeException(nameof(sharing), sharing, "A sharing of the float ports is a fraction from 0 to 1.");
        }

        HardwareProfile copy = With(OperationClass.IntegerAlu, _costs[(int)OperationClass.IntegerAlu]);
        copy._floatPortSharing = sharing;
        return copy;
    }

    private static bool IsValidFloatPortSharing(double sharing) => sharing is >= 0 and <= 1;

    /// <summary>The float-port bound of a block whose adds take <paramref name="addsNs"/> and multiplies <paramref name="multipliesNs"/> on their own.</summary>
    private double FloatPortsNs(double addsNs, double multipliesNs) =>
        Math.Max(addsNs, multipliesNs) + (_floatPortSharing * Math.Min(addsNs, multipliesNs));
}
