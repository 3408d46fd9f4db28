using System;
using System.Threading;

namespace Pix.Solver;

/// <summary>
/// Z3 first; when it cannot conclude (timeout, nonlinear arithmetic out of its reach) the fallback's
/// search tries to find an input. Every witness is checked by the evaluator whichever engine found it,
/// so the chain never reports a regression that is not real; <see cref="SolverAnswer.Engine"/> says
/// who answered.
/// </summary>
public sealed class EngineChain : SolverEngine
{
    private readonly SolverEngine _first;
    private readonly SolverEngine _second;

    /// <summary>Creates a chain asking <paramref name="first"/>, then <paramref name="second"/> on unknown.</summary>
    public EngineChain(SolverEngine first, SolverEngine second)
    {
        _first = first ?? throw new ArgumentNullException(nameof(first));
        _second = second ?? throw new ArgumentNullException(nameof(second));
    }

    /// <inheritdoc/>
    public override string Name => _first.Name;

    /// <inheritdoc/>
    public override bool IsComplete => _first.IsComplete;

    /// <summary>The engine asked first (Z3 when it loads).</summary>
    public SolverEngine Primary => _first;

    /// <inheritdoc/>
    public override SolverAnswer Check(SolverQuestion question, CancellationToken cancellationToken)
    {
        SolverAnswer answer = _first.Check(question, cancellationToken);
        if (answer.Verdict != SolverVerdict.Unknown)
        {
            return answer;
        }

        SolverAnswer second = _second.Check(question, cancellationToken);
        return second.Verdict == SolverVerdict.Unknown
            ? answer with { Detail = answer.Detail + "; " + second.Engine + ": " + second.Detail }
            : second with { Detail = answer.Engine + " was inconclusive (" + answer.Detail + "); " + second.Detail };
    }
}
