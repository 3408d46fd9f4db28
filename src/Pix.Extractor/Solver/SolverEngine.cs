using System.Threading;

namespace Pix.Solver;

/// <summary>
/// Something that answers <see cref="SolverQuestion"/>s: Z3 through its C API
/// (<see cref="Z3Engine"/>), or the built-in <see cref="FallbackEngine"/> when no libz3 loads.
/// </summary>
/// <remarks>Implementations are thread-safe: the compiler runs analyzers concurrently.</remarks>
public abstract class SolverEngine
{
    /// <summary>A short name for diagnostics and reports (<c>z3 4.8.12</c>, <c>fallback</c>).</summary>
    public abstract string Name { get; }

    /// <summary>True when <see cref="SolverVerdict.Impossible"/> answers are proofs over the whole domain.</summary>
    public abstract bool IsComplete { get; }

    /// <summary>Answers <paramref name="question"/>. Never throws for a well-formed question.</summary>
    public abstract SolverAnswer Check(SolverQuestion question, CancellationToken cancellationToken);

    /// <summary>
    /// The engine to use here: Z3 when libz3 loads (see <see cref="Z3Library"/>), backed by the
    /// fallback's search when Z3 is inconclusive; else the fallback alone.
    /// </summary>
    public static SolverEngine CreateDefault(SolverOptions options) =>
        Z3Library.TryLoad(out Z3Library? library, out _)
            ? new EngineChain(new Z3Engine(library!, options), new FallbackEngine(options))
            : new FallbackEngine(options);
}
