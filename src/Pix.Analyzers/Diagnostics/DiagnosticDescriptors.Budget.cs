using Microsoft.CodeAnalysis;

namespace Pix.Analyzers.Diagnostics;

internal static partial class DiagnosticDescriptors
{
    /// <summary>
    /// PIX0205. Format: <c>'{0}': {1} can exceed the budget of {2} on {3}: at {4} it takes {5}{6}</c>.
    /// {0} the method, {1} the input class (<c>inputs where encapsulated == 1</c>, <c>every input</c>),
    /// {2} the budget, {3} the profile (<c>the reference profile</c>, <c>prod.pixhw.json</c>), {4} the
    /// witness (<c>encapsulated = 1, payload.Length = 1500</c>), {5} the predicted latency there, {6} the engine note.
    /// </summary>
    public static readonly DiagnosticDescriptor BudgetExceeded = Create(
        DiagnosticIds.BudgetExceeded,
        "Latency budget can be exceeded",
        "'{0}': {1} can exceed the budget of {2} on {3}: at {4} it takes {5}{6}",
        DiagnosticCategories.Regression,
        DiagnosticSeverity.Warning,
        "The method declares a latency budget ([PerformanceInterface(Budget = \"2us\")]) and its performance interface predicts a higher latency for some inputs within their bounds. One diagnostic per class of inputs (piece of the interface) that can exceed it, with the smallest input the solver found and the latency predicted there. Make that path cheaper, tighten an [InputBound], or raise the budget.");

    /// <summary>PIX0206. Format: <c>{0}</c>: what is wrong and how to write it instead.</summary>
    public static readonly DiagnosticDescriptor BudgetMalformed = Create(
        DiagnosticIds.BudgetMalformed,
        "Latency budget malformed",
        "{0}",
        DiagnosticCategories.Regression,
        DiagnosticSeverity.Error,
        "A Budget, BudgetProfile or [InputBound] argument cannot be understood: a budget is a positive number and a unit (ns, us, µs, ms, s), e.g. \"2us\"; a profile is the name of a *.pixhw.json file of the project; an input bound names an input of the method's interface and a non-negative maximum. The method's budget is not checked until it is fixed.");

    /// <summary>
    /// PIX0207. Format: <c>'{0}' has no worst-case latency to hold to its budget: it grows with {1}, which has no bound; add [InputBound("{2}", …)] with the largest value the budget is meant for ({3})</c>.
    /// {0} the method, {1} the unbounded inputs, {2} the first of them, {3} which input classes are still checked.
    /// </summary>
    public static readonly DiagnosticDescriptor BudgetInputUnbounded = Create(
        DiagnosticIds.BudgetInputUnbounded,
        "Latency budget needs an input bound",
        "'{0}' has no worst-case latency to hold to its budget: it grows with {1}, which has no bound; add [InputBound(\"{2}\", …)] with the largest value the budget is meant for ({3})",
        DiagnosticCategories.Regression,
        DiagnosticSeverity.Warning,
        "A budget holds for every input only if the latency has a maximum, and a latency that grows with an input (data.Length, n, a PCV) has none until that input is bounded. Give each such input its largest expected value with [InputBound(\"data.Length\", 4096)]. The input classes that do not grow with unbounded inputs are still checked.");

    /// <summary>PIX0301. Format: <c>The budget of '{0}' cannot be checked: {1}</c>.</summary>
    public static readonly DiagnosticDescriptor ProfileUnreadable = Create(
        DiagnosticIds.ProfileUnreadable,
        "Hardware profile unreadable",
        "The budget of '{0}' cannot be checked: {1}",
        DiagnosticCategories.Environment,
        DiagnosticSeverity.Warning,
        "BudgetProfile names a hardware profile the build does not provide, or the *.pixhw.json file is not a valid profile. The Pix package passes every *.pixhw.json of the project to the analyzers as AdditionalFiles; create one with 'pix calibrate -o name.pixhw.json'.");
}
