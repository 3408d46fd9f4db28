using System;

namespace Pix.Solver;

/// <summary>Settings shared by every engine.</summary>
public sealed record SolverOptions
{
    /// <summary>The defaults: 2 s per query, no query log.</summary>
    public static SolverOptions Default { get; } = new();

    /// <summary>
    /// Hard limit for one query. Z3 gets it as its <c>timeout</c> parameter and is interrupted
    /// (<c>Z3_interrupt</c>) if it overruns; the fallback stops sampling. Never blocks a build longer.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many times witness minimisation may re-ask with a smaller input-size limit.</summary>
    public int MinimizationSteps { get; init; } = 12;

    /// <summary>Receives the text of every SMT-LIB2 query and its raw answer (null: none kept).</summary>
    public IQueryLog? QueryLog { get; init; }

    /// <summary>Seed of the fallback's random sample points (fixed: answers are deterministic).</summary>
    public int FallbackSeed { get; init; } = 0x5EED;

    /// <summary>Random points the fallback tries in addition to its fixed grid.</summary>
    public int FallbackRandomPoints { get; init; } = 4000;
}

/// <summary>
/// Receives every SMT-LIB2 query an engine sends, with Z3's raw answer, so that it can be replayed
/// with the <c>z3</c> command line. Implementations must be thread-safe.
/// </summary>
public interface IQueryLog
{
    /// <summary>Records one query and the engine's raw output.</summary>
    void Record(string queryText, string rawAnswer);
}
