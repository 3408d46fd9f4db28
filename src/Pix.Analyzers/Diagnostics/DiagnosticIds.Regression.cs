namespace Pix.Analyzers.Diagnostics;

internal static partial class DiagnosticIds
{
    /// <summary>The method can be slower than its baseline beyond the tolerance.</summary>
    public const string SlowerThanBaseline = "PIX0200";

    /// <summary>The method's complexity class grew.</summary>
    public const string ComplexityGrew = "PIX0201";

    /// <summary>The method has no baseline entry.</summary>
    public const string NotInBaseline = "PIX0202";

    /// <summary>The baseline file is unreadable or of another schema version.</summary>
    public const string BaselineUnreadable = "PIX0203";

    /// <summary>The method is faster than its baseline beyond the tolerance.</summary>
    public const string FasterThanBaseline = "PIX0204";

    /// <summary>Z3 could not settle a regression or budget question (timeout, arithmetic out of its reach).</summary>
    public const string CheckInconclusive = "PIX0208";

    /// <summary>libz3 could not be loaded; the fallback engine answered.</summary>
    public const string SolverUnavailable = "PIX0300";
}
