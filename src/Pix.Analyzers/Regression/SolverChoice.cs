using System.Threading;
using Pix.Solver;

namespace Pix.Analyzers.Regression;

/// <summary>
/// The engine a compilation's checks ask, and why Z3 is not among it when it is not (PIX0300, once),
/// plus how many methods asked it, so that PIX0300 is reported only when the fallback really answered.
/// </summary>
/// <remarks>
/// The analyzer takes the choice as a function (<see cref="Default"/> in production), the seam through
/// which tests run the fallback path on a machine where libz3 loads.
/// </remarks>
internal sealed class SolverChoice
{
    private int _uses;

    public SolverChoice(SolverEngine engine, string? unavailable)
    {
        Engine = engine;
        Unavailable = unavailable;
    }

    /// <summary>The engine to ask.</summary>
    public SolverEngine Engine { get; }

    /// <summary>Why libz3 could not be loaded; null when Z3 answers.</summary>
    public string? Unavailable { get; }

    /// <summary>True once some method's check has asked the engine.</summary>
    public bool Used => Volatile.Read(ref _uses) > 0;

    /// <summary>Notes that a method's check asks the engine.</summary>
    public void NoteUse() => Interlocked.Increment(ref _uses);

    /// <summary>Z3 (backed by the fallback's search) when libz3 loads; else the fallback, with why.</summary>
    public static SolverChoice Default(SolverOptions options) =>
        Z3Library.TryLoad(out _, out string why)
            ? new SolverChoice(SolverEngine.CreateDefault(options), null)
            : new SolverChoice(new FallbackEngine(options), why);
}
