using System;

namespace Pix;

// The front end's issue width: how many fused micro-operations the core starts per cycle. The
// instruction classes of a loop body (ALU, multiply, FP, load, store, compare-and-branch) run on
// different execution ports in parallel, so their reciprocal throughputs do not add up; what bounds
// such a loop, when no single port is saturated, is the number of issue slots it needs.
public sealed partial class HardwareProfile
{
    /// <summary>
    /// The issue width a profile has unless it says otherwise: 4 fused micro-operations per cycle,
    /// the rename width of the x86-64 cores of the last decade (Intel Skylake to Ice Lake, AMD Zen 1–3).
    /// </summary>
    public const double DefaultIssueWidth = 4;

    private double _issueWidth = DefaultIssueWidth;

    /// <summary>
    /// Fused micro-operations the core issues per cycle (<see cref="DefaultIssueWidth"/> unless the
    /// profile sets it). One issue slot costs <see cref="IssueSlotNs"/>.
    /// </summary>
    public double IssueWidth => _issueWidth;

    /// <summary>
    /// The cost of one issue slot, in nanoseconds: one cycle, taken as the <see cref="OperationClass.IntegerAlu"/>
    /// latency (a dependent add retires one per cycle on every core Pix targets), divided by <see cref="IssueWidth"/>.
    /// </summary>
    public double IssueSlotNs => _costs[(int)OperationClass.IntegerAlu].Latency / _issueWidth;

    /// <summary>A copy of this profile with another issue width.</summary>
    /// <param name="issueWidth">Fused micro-operations per cycle; finite and at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="issueWidth"/> is NaN, infinite or below 1.</exception>
    public HardwareProfile WithIssueWidth(double issueWidth)
    {
        if (!IsValidIssueWidth(issueWidth))
        {
            throw new ArgumentOutOfRangeException(nameof(issueWidth), issueWidth, "An issue width is a finite number of micro-operations per cycle, at least 1.");
        }

        HardwareProfile copy = With(OperationClass.IntegerAlu, _costs[(int)OperationClass.IntegerAlu]);
        copy._issueWidth = issueWidth;
        return copy;
    }

    private static bool IsValidIssueWidth(double issueWidth) => issueWidth >= 1 && !double.IsInfinity(issueWidth);

    /// <summary>
    /// Whether an operation of class <paramref name="operation"/> is one instruction that takes one
    /// issue slot (one fused micro-operation) and runs on an execution port, in parallel with the
    /// other such classes. The rest (calls, allocations, per-byte library work, type checks) are
    /// calibrated as whole sequences of instructions: they keep adding their throughput cost.
    /// </summary>
    private static bool IsSingleInstruction(OperationClass operation) => operation switch
    {
        OperationClass.IntegerAlu or OperationClass.IntegerMultiply or OperationClass.IntegerDivide
            or OperationClass.FloatAdd or OperationClass.FloatMultiply or OperationClass.FloatDivide
            or OperationClass.Load or OperationClass.Store or OperationClass.BoundsCheck or OperationClass.Branch => true,
        _ => false,
    };
}
