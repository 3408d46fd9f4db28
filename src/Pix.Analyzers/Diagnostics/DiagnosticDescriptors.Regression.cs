using Microsoft.CodeAnalysis;

namespace Pix.Analyzers.Diagnostics;

internal static partial class DiagnosticDescriptors
{
    /// <summary>
    /// PIX0200. Format: <c>'{0}' can be slower than its baseline by more than {1}: {2}{3}; fix it, or accept it with 'pix baseline update' and commit the baseline</c>.
    /// {0} the method, {1} the tolerance (<c>10%</c>), {2} the witness and both latencies
    /// (<c>data.Length = 4096: 1.21 µs → 1.63 µs (+35%) on the reference profile</c>), {3} the engine note.
    /// </summary>
    public static readonly DiagnosticDescriptor SlowerThanBaseline = Create(
        DiagnosticIds.SlowerThanBaseline,
        "Latency above the baseline",
        "'{0}' can be slower than its baseline by more than {1}: {2}{3}; fix it, or accept it with 'pix baseline update' and commit the baseline",
        DiagnosticCategories.Regression,
        DiagnosticSeverity.Warning,
        "The method's current performance interface predicts a higher latency than the committed baseline (pix.baseline.json) for some input, beyond the tolerance. The message shows the smallest such input the solver found and both predictions on the reference profile. Fix the regression, or accept it with 'pix baseline update'.");

    /// <summary>
    /// PIX0201. Format: <c>The complexity of '{0}' grew: {1}; fix it, or accept it with 'pix baseline update' and commit the baseline</c>. {0} the method, {1} one
    /// <c>O(n) → O(n²) in data.Length</c> per quantity, separated by "; ".
    /// </summary>
    public static readonly DiagnosticDescriptor ComplexityGrew = Create(
        DiagnosticIds.ComplexityGrew,
        "Complexity class grew",
        "The complexity of '{0}' grew: {1}; fix it, or accept it with 'pix baseline update' and commit the baseline",
        DiagnosticCategories.Regression,
        DiagnosticSeverity.Warning,
        "The dominant term of the method's interface in one of its inputs grew (linear to quadratic, constant to linear...) compared with the baseline. Reported even where constants hide it for small inputs: it is the growth that matters for large ones. Fix it, or accept it with 'pix baseline update'.");

    /// <summary>PIX0202. Format: <c>'{0}' has no entry in {1}; run 'pix baseline update' to add it</c>.</summary>
    public static readonly DiagnosticDescriptor NotInBaseline = Create(
        DiagnosticIds.NotInBaseline,
        "Method not in the baseline",
        "'{0}' has no entry in {1}; run 'pix baseline update' to add it",
        DiagnosticCategories.Regression,
        DiagnosticSeverity.Info,
        "A [PerformanceInterface] method has no committed baseline interface, so regressions in it cannot be checked.");

    /// <summary>PIX0203. Format: <c>The baseline cannot be used: {0}</c> (the reader's message, with file, line and column).</summary>
    public static readonly DiagnosticDescriptor BaselineUnreadable = Create(
        DiagnosticIds.BaselineUnreadable,
        "Baseline file unreadable",
        "The baseline cannot be used: {0}",
        DiagnosticCategories.Regression,
        DiagnosticSeverity.Error,
        "pix.baseline.json is not valid JSON, is of another schema version, or an entry does not fit the schema. The diagnostic points into the file; the other entries are still checked. Regenerate the file with 'pix baseline update'.",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>PIX0204. Format: <c>'{0}' is faster than its baseline by more than {1}: {2}; run 'pix baseline update' to lock the improvement in</c>.</summary>
    public static readonly DiagnosticDescriptor FasterThanBaseline = Create(
        DiagnosticIds.FasterThanBaseline,
        "Latency below the baseline",
        "'{0}' is faster than its baseline by more than {1}: {2}; run 'pix baseline update' to lock the improvement in",
        DiagnosticCategories.Regression,
        DiagnosticSeverity.Info,
        "The current interface predicts a lower latency than the baseline for some input, beyond the tolerance. Updating the baseline makes the improvement the new bar.");

    /// <summary>
    /// PIX0208. Format: <c>Pix could not settle whether '{0}' {1}: {2}; the check makes no claim about it</c>. {0} the
    /// method, {1} the question (<c>can be slower than its baseline by more than 10%</c>, <c>can exceed the budget of 2 µs
    /// on prod for data.Length ≥ 1</c>), {2} the solver's reason (its timeout, an answer it could not give).
    /// </summary>
    public static readonly DiagnosticDescriptor CheckInconclusive = Create(
        DiagnosticIds.CheckInconclusive,
        "Regression or budget check inconclusive",
        "Pix could not settle whether '{0}' {1}: {2}; the check makes no claim about it",
        DiagnosticCategories.Regression,
        DiagnosticSeverity.Info,
        "Z3 could not answer a regression (PIX0200) or budget (PIX0205) question within its time limit, or the interfaces' arithmetic was out of its reach, and the fallback's search found no input either: no warning does not mean no regression here. Reported only when Z3 answered the compilation's other questions; without libz3 PIX0300 says the fallback answered.");

    /// <summary>PIX0300. Format: <c>Pix's regression and budget checks used the built-in solver fallback: {0}</c>.</summary>
    public static readonly DiagnosticDescriptor SolverUnavailable = Create(
        DiagnosticIds.SolverUnavailable,
        "Z3 unavailable, fallback solver used",
        "Pix's regression and budget checks used the built-in solver fallback: {0}",
        DiagnosticCategories.Environment,
        DiagnosticSeverity.Info,
        "libz3 could not be loaded (install libz3-4 on Debian/Ubuntu; on Windows and macOS the Pix package carries it). The fallback (interval reasoning and sampling) finds regressions only at the inputs it samples, so it can miss some that Z3 would find.",
        WellKnownDiagnosticTags.CompilationEnd);
}
