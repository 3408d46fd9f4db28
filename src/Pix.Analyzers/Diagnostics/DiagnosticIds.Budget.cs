namespace Pix.Analyzers.Diagnostics;

internal static partial class DiagnosticIds
{
    /// <summary>Some inputs of the method can exceed its latency budget.</summary>
    public const string BudgetExceeded = "PIX0205";

    /// <summary>The budget, its profile name or an input bound is malformed.</summary>
    public const string BudgetMalformed = "PIX0206";

    /// <summary>The latency grows with an input that has no bound, so the budget cannot hold for every input.</summary>
    public const string BudgetInputUnbounded = "PIX0207";

    /// <summary>The hardware profile a budget names is missing or unreadable.</summary>
    public const string ProfileUnreadable = "PIX0301";
}
