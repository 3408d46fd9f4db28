namespace Pix.Analyzers.Diagnostics;

/// <summary>
/// The catalogue of Pix diagnostic IDs. IDs are stable: once shipped, an ID keeps its meaning forever
/// (suppressions and <c>.editorconfig</c> entries refer to it). Ranges: PIX00xx extraction, PIX01xx constant
/// time, PIX02xx regression, PIX03xx environment (see ARCHITECTURE.md).
/// </summary>
internal static partial class DiagnosticIds
{
    /// <summary>A <c>[PerformanceInterface]</c> method's containing types are not all <c>partial</c>.</summary>
    public const string TypeNotPartial = "PIX0001";

    /// <summary>The extracted interface approximates somewhere (a gap of the model).</summary>
    public const string IncompleteInterface = "PIX0002";

    /// <summary><c>[PerformanceInterface]</c> on a method Pix cannot give an interface to.</summary>
    public const string UnsupportedMethod = "PIX0003";

    /// <summary>A loop whose trip count nothing bounds: it needs a PCV or loop-bound hint.</summary>
    public const string UnboundedLoop = "PIX0004";

    /// <summary>The per-method analysis budget ran out; the interface is partial.</summary>
    public const string AnalysisBudgetExceeded = "PIX0005";

    /// <summary>Pix failed to analyse a method (an internal error to report).</summary>
    public const string InternalError = "PIX0006";

    /// <summary>An extraction setting (<c>PixBottomUpSummaries</c>) has a value Pix does not recognise.</summary>
    public const string ExtractionSettingInvalid = "PIX0007";

    /// <summary>A branch whose condition depends on a secret.</summary>
    public const string SecretDependentBranch = "PIX0100";

    /// <summary>A loop whose trip count or early exit depends on a secret.</summary>
    public const string SecretDependentLoop = "PIX0101";

    /// <summary>A memory access whose index or key depends on a secret.</summary>
    public const string SecretDependentMemoryAccess = "PIX0102";

    /// <summary>A variable-latency operation (integer division or remainder) on a secret.</summary>
    public const string VariableLatencyOperation = "PIX0103";

    /// <summary>A call to a variable-time API with a secret argument.</summary>
    public const string VariableTimeApi = "PIX0104";

    /// <summary>A constant-time method the JIT is free to optimise back into variable time.</summary>
    public const string ConstantTimeMethodNotProtected = "PIX0105";

    /// <summary>A constant-time method that passes, whose performance interface nevertheless depends on a secret.</summary>
    public const string ConstantTimeInterfaceDisagrees = "PIX0106";

    /// <summary>A constant-time setting (balanced branches) with an unrecognised value.</summary>
    public const string ConstantTimeSettingInvalid = "PIX0107";
}
