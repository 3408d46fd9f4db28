using System.Threading;
using Pix.Solver;

namespace Pix.Testing;

/// <summary>
/// A complete engine (it stands for Z3) that answers every question <see cref="SolverVerdict.Unknown"/>, as Z3 does when
/// its timeout runs out: the seam through which tests check that an open question is said to be open.
/// </summary>
public sealed class UndecidedEngine : SolverEngine
{
    /// <summary>The reason every answer gives.</summary>
    public const string Reason = "timeout after 2 s (simulated by the test)";

    /// <inheritdoc/>
    public override string Name => "z3 (undecided)";

    /// <inheritdoc/>
    public override bool IsComplete => true;

    /// <inheritdoc/>
    public override SolverAnswer Check(SolverQuestion question, CancellationToken cancellationToken) =>
        SolverAnswer.Without(SolverVerdict.Unknown, Name, Reason);
}
