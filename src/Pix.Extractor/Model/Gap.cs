namespace Pix.Model;

/// <summary>Why an interface is incomplete at some place.</summary>
public enum GapKind
{
    /// <summary>A construct the extractor does not model (unsafe, async, iterator, lambda, goto…).</summary>
    UnsupportedConstruct,
    /// <summary>A call into code Pix cannot see, priced as a named opaque term.</summary>
    OpaqueCall,
    /// <summary>A loop whose trip count no input determines and no hint bounds.</summary>
    UnboundedLoop,
    /// <summary>Recursion, summarised by a depth PCV.</summary>
    Recursion,
    /// <summary>A branch on data the inputs do not determine; the costlier arm was kept.</summary>
    DataDependentBranch,
    /// <summary>The per-method analysis budget (size or depth) ran out.</summary>
    BudgetExceeded,
    /// <summary>
    /// Pix itself failed on this method (a bug to report). The model has one empty piece and must
    /// not be emitted or compared; the analyzers report PIX0006 with the exception.
    /// </summary>
    InternalError,
    /// <summary>
    /// A <c>PixHint</c> call Pix could not use: not where hints are read, a name that is not a
    /// constant identifier, a name another hint already took, or a branch the hint cannot count.
    /// </summary>
    MisplacedHint,
}

/// <summary>A place where the interface approximates or cannot see, and why.</summary>
/// <param name="Kind">The category.</param>
/// <param name="Construct">What is there (<c>await</c>, <c>call to System.IO.File.ReadAllText</c>).</param>
/// <param name="Reason">Why, and how the user can help (a hint, a bound, a PCV).</param>
/// <param name="Where">The source span.</param>
public sealed record Gap(GapKind Kind, string Construct, string Reason, Provenance Where);
