using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Analyzers.Diagnostics;
using Pix.Analyzers.Regression;
using Pix.Extraction;
using Pix.Model;
using Pix.Solver;

namespace Pix.Analyzers.Budget;

/// <summary>
/// PIX0205–PIX0207, PIX0208 and PIX0301 for one compilation: checks each method that declares
/// <c>[PerformanceInterface(Budget = …)]</c> against its budget, one input class (piece of its
/// interface) at a time, on the reference profile or the one <c>BudgetProfile</c> names. No baseline
/// is involved: the question is "is there an input, within the bounds, whose predicted latency exceeds
/// the budget?", and a "yes" comes with the smallest such input the solver found.
/// </summary>
internal sealed class BudgetCheck
{
    private readonly Compilation _compilation;
    private readonly INamedTypeSymbol? _inputBoundType;
    private readonly BudgetProfiles _profiles;
    private readonly ExtractionOptions _extraction;
    private readonly Lazy<SolverChoice> _solver;
    private readonly SolverOptions _solverOptions;

    public BudgetCheck(Compilation compilation, BudgetProfiles profiles, ExtractionOptions extraction, Lazy<SolverChoice> solver, SolverOptions solverOptions)
    {
        _compilation = compilation;
        _inputBoundType = compilation.GetTypeByMetadataName(BudgetSpec.InputBoundMetadataName);
        _profiles = profiles;
        _extraction = extraction;
        _solver = solver;
        _solverOptions = solverOptions;
    }

    public void Analyze(SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute)
    {
        if (BudgetSpec.Read(method, attribute, _inputBoundType, context.CancellationToken) is not { } spec)
        {
            return;
        }

        foreach ((Location where, string problem) in spec.Problems)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BudgetMalformed, where, problem));
        }

        string name = method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        BudgetProfiles.Result profile = _profiles.Get(spec.ProfileName, context.CancellationToken);
        if (profile.Profile is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ProfileUnreadable, spec.ProfileLocation, name, profile.Problem));
            return;
        }

        if (spec.Problems.Length > 0)
        {
            return; // A budget that was not understood is not checked: the user fixes PIX0206 first.
        }

        InterfaceModel model = InterfaceExtractor.Extract(method, _compilation, _extraction, context.CancellationToken);
        if (model.IsInternalError || !TryBounds(context, model, spec, out Dictionary<string, double> bounds))
        {
            return; // PIX0006 reports an internal error; TryBounds reported the bounds it could not place.
        }

        Location location = method.Locations.FirstOrDefault() ?? Location.None;
        HardwareProfile hw = profile.Profile;
        var unbounded = new SortedSet<string>(StringComparer.Ordinal);
        var checkable = new List<int>();
        for (int i = 0; i < model.Pieces.Count; i++)
        {
            IReadOnlyList<string> growing = UnboundedInputs.Of(model, model.Pieces[i], bounds, hw);
            unbounded.UnionWith(growing);
            if (growing.Count == 0)
            {
                checkable.Add(i);
            }
        }

        if (unbounded.Count > 0)
        {
            string inputs = string.Join(", ", unbounded);
            string scope = checkable.Count == 0
                ? "no input class is checked until then"
                : "the input classes that do not grow with it are still checked";
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.BudgetInputUnbounded, location, name, inputs, unbounded.First(), scope));
        }

        if (checkable.Count == 0)
        {
            return;
        }

        _solver.Value.NoteUse();
        string budget = new Latency(spec.BudgetNs).ToString();
        foreach (int index in checkable)
        {
            var question = new BudgetQuestion(model, spec.BudgetNs, hw) { PieceIndex = index, InputBounds = bounds };
            SolverAnswer answer = WitnessSearch.FindSmallest(_solver.Value.Engine, question, _solverOptions, context.CancellationToken);
            if (answer.Verdict == SolverVerdict.Unknown && _solver.Value.Engine.IsComplete)
            {
                // Z3 could not settle it (the fallback alone answers Unknown for most questions: PIX0300 covers that).
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.CheckInconclusive,
                    location,
                    name,
                    $"can exceed the budget of {budget} on {profile.Display} ({InputClass(model, index)})",
                    answer.Detail));
            }

            if (answer.Verdict != SolverVerdict.Found)
            {
                continue;
            }

            Latency latency = ModelEvaluator.Evaluate(model, answer.Witness, hw);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.BudgetExceeded,
                location,
                name,
                InputClass(model, index),
                budget,
                profile.Display,
                Witness(answer.Witness),
                latency.ToString(),
                BaselineCheck.EngineNote(answer.Engine)));
        }
    }

    /// <summary>
    /// The user's bounds by quantity name; false (after reporting PIX0206 at each) when a bound names
    /// no input of the interface, which is most often a typo that would otherwise be silently ignored.
    /// </summary>
    private static bool TryBounds(SymbolAnalysisContext context, InterfaceModel model, BudgetSpec spec, out Dictionary<string, double> bounds)
    {
        bounds = new Dictionary<string, double>(StringComparer.Ordinal);
        IReadOnlyList<Quantity> quantities = QuantityDomain.Merge(new[] { model });
        bool ok = true;
        foreach (InputBound bound in spec.Bounds)
        {
            if (quantities.Any(q => q.Name == bound.Input))
            {
                bounds[bound.Input] = bound.Maximum;
                continue;
            }

            string known = quantities.Count == 0 ? "it has none" : "they are " + string.Join(", ", quantities.Select(q => q.Name));
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.BudgetMalformed,
                bound.Location,
                $"[InputBound(\"{bound.Input}\", …)]: '{bound.Input}' is not an input of the interface of '{model.MethodName}' ({known})"));
            ok = false;
        }

        return ok;
    }

    /// <summary>The inputs one piece prices, as its guard reads; an unguarded last piece takes the rest.</summary>
    private static string InputClass(InterfaceModel model, int index) =>
        model.Pieces[index].When is TrueGuard
            ? model.Pieces.Count == 1 ? "every input" : "inputs no earlier guard selects"
            : "inputs where " + model.Pieces[index].When;

    private static string Witness(IReadOnlyDictionary<string, double> witness) =>
        witness.Count == 0
            ? "every input"
            : string.Join(", ", witness.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Key + " = " + p.Value.ToString("0", CultureInfo.InvariantCulture)));
}
