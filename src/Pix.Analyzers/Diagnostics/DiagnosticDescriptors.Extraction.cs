using Microsoft.CodeAnalysis;

namespace Pix.Analyzers.Diagnostics;

internal static partial class DiagnosticDescriptors
{
    /// <summary>
    /// PIX0001. Format: <c>'{0}' is not partial, so Pix cannot add LatencyOf_{1} to it; declare '{0}' and every type containing it partial</c>.
    /// {0} the first non-partial type of the containing chain, {1} the method's name.
    /// </summary>
    public static readonly DiagnosticDescriptor TypeNotPartial = Create(
        DiagnosticIds.TypeNotPartial,
        "The type of a [PerformanceInterface] method must be partial",
        "'{0}' is not partial, so Pix cannot add LatencyOf_{1} to it; declare '{0}' and every type containing it partial",
        DiagnosticCategories.Extraction,
        DiagnosticSeverity.Warning,
        "Pix generates LatencyOf_X beside the method, in the same type. That needs the type, and every type containing it, to be declared partial; otherwise no interface is generated.");

    /// <summary>
    /// PIX0002. Format: <c>The interface of '{0}' approximates at {1}: {2}. {3}.</c>.
    /// {0} the method, {1} the construct and its line, {2} why and how to help (the gap's reason),
    /// {3} what the approximation means for the prediction, for this kind of gap. Reported as a warning for constructs Pix does not model and
    /// as information for calls priced opaquely, recursion and data-dependent branches.
    /// </summary>
    public static readonly DiagnosticDescriptor IncompleteInterface = Create(
        DiagnosticIds.IncompleteInterface,
        "The performance interface is incomplete",
        "The interface of '{0}' approximates at {1}: {2}. {3}.",
        DiagnosticCategories.Extraction,
        DiagnosticSeverity.Info,
        "Where Pix cannot model code exactly (an unsupported construct, a call it cannot see into, recursion, a branch on data the inputs do not determine) the interface approximates. The diagnostic says where, why, and how to make the interface exact.");

    /// <summary>
    /// PIX0003. Format: <c>[PerformanceInterface] on '{0}' has no effect: {1}</c>.
    /// {0} the method, {1} why (constructor, local function, abstract…) and what to do instead.
    /// </summary>
    public static readonly DiagnosticDescriptor UnsupportedMethod = Create(
        DiagnosticIds.UnsupportedMethod,
        "[PerformanceInterface] on a method that cannot have an interface",
        "[PerformanceInterface] on '{0}' has no effect: {1}",
        DiagnosticCategories.Extraction,
        DiagnosticSeverity.Warning,
        "Pix generates LatencyOf_X as a sibling method taking the same parameters. Methods without a body, constructors, local functions, operators and accessors cannot have such a sibling; no interface is generated.");

    /// <summary>
    /// PIX0004. Format: <c>The {0} in '{1}' needs a hint: {2}</c>.
    /// {0} the loop and its line, {1} the method, {2} the extractor's reason, which says no bound was found, names
    /// the PCV it used and the hint (<c>PixHint.Pcv</c>, <c>PixHint.LoopBound</c>) that fixes it (so the format
    /// does not say "no bound" itself: a user trial read it twice in one message).
    /// </summary>
    public static readonly DiagnosticDescriptor UnboundedLoop = Create(
        DiagnosticIds.UnboundedLoop,
        "Unbounded loop needs a PCV hint",
        "The {0} in '{1}' needs a hint: {2}",
        DiagnosticCategories.Extraction,
        DiagnosticSeverity.Warning,
        "The trip count of this loop depends on nothing the inputs show (a linked list, a convergence test, data read in the loop). Pix needs a hint: PixHint.Pcv names the count as an extra parameter of LatencyOf_X, PixHint.LoopBound gives a maximum.");

    /// <summary>
    /// PIX0005. Format: <c>Analysis of '{0}' stopped at {1}: {2}</c>.
    /// {0} the method, {1} where the budget ran out, {2} which budget and how to stay within it.
    /// </summary>
    public static readonly DiagnosticDescriptor AnalysisBudgetExceeded = Create(
        DiagnosticIds.AnalysisBudgetExceeded,
        "Analysis budget exceeded",
        "Analysis of '{0}' stopped at {1}: {2}",
        DiagnosticCategories.Extraction,
        DiagnosticSeverity.Warning,
        "Pix bounds the work it does per method (operations analysed, call depth) so that builds stay fast. When the budget runs out the rest of the method is priced as an opaque term.");

    /// <summary>
    /// PIX0006. Format: <c>Pix could not analyse '{0}', so it has no performance interface: {1}</c>.
    /// {0} the method, {1} the exception and its first frame.
    /// </summary>
    public static readonly DiagnosticDescriptor InternalError = Create(
        DiagnosticIds.InternalError,
        "Pix failed to analyse a method",
        "Pix could not analyse '{0}', so it has no performance interface: {1}",
        DiagnosticCategories.Extraction,
        DiagnosticSeverity.Warning,
        "An exception inside Pix's extractor. Pix turns it into this warning instead of failing the build; the method gets no LatencyOf_X. It is a bug in Pix: please report the message.");

    /// <summary>PIX0007. Format: <c>The value '{0}' of the MSBuild property {1} is not {2}; {3}</c>.
    /// {0} the value, {1} the property, {2} what it takes, {3} what is used instead (the default).</summary>
    public static readonly DiagnosticDescriptor ExtractionSettingInvalid = Create(
        DiagnosticIds.ExtractionSettingInvalid,
        "Unrecognised Pix setting",
        "The value '{0}' of the MSBuild property {1} is not {2}; {3}",
        DiagnosticCategories.Extraction,
        DiagnosticSeverity.Warning,
        "PixResolution takes a fraction in [0, 1), PixRegressionTolerance a fraction or a percentage, PixBottomUpSummaries, PixAnnotateAll and PixExplain 'true' or 'false' (build/Pix.props). Any other value is ignored and the default is used, by the generator and the analyzers alike.",
        WellKnownDiagnosticTags.CompilationEnd);
}
