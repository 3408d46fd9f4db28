using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Analyzers.Budget;
using Pix.Analyzers.Diagnostics;
using Pix.Extraction;
using Pix.Model;
using Pix.Serialization;
using Pix.Solver;

namespace Pix.Analyzers.Regression;

/// <summary>
/// PIX0200–PIX0204 and PIX0208 for one compilation: compares each annotated method's interface with its entry in
/// <c>pix.baseline.json</c>, at the method's own <c>RegressionTolerance</c> when it sets one, else the
/// project's <c>PixRegressionTolerance</c>.
/// </summary>
internal sealed class BaselineCheck
{
    private readonly Compilation _compilation;
    private readonly BaselineSource _baseline;
    private readonly RegressionOptions _options;
    private readonly Lazy<SolverChoice> _solver;
    private readonly SolverOptions _solverOptions;

    public BaselineCheck(Compilation compilation, BaselineSource baseline, RegressionOptions options, Lazy<SolverChoice> solver, SolverOptions solverOptions)
    {
        _compilation = compilation;
        _baseline = baseline;
        _options = options;
        _solver = solver;
        _solverOptions = solverOptions;
    }

    /// <summary>The file's own problems (PIX0203), reported at compilation end.</summary>
    public System.Collections.Immutable.ImmutableArray<Diagnostic> Problems => _baseline.Problems;

    public void Analyze(SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute)
    {
        string name = method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        Location location = method.Locations.FirstOrDefault() ?? Location.None;
        string? id = method.GetDocumentationCommentId();
        BaselineEntry? entry = id is null ? null : _baseline.Baseline.Find(id);
        if (entry is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotInBaseline, location, name, System.IO.Path.GetFileName(_baseline.Path)));
            return;
        }

        InterfaceModel current = Current(method, entry.Interface.Resolution, context.CancellationToken);
        if (current.IsInternalError)
        {
            return; // PIX0006 reports it; an interface Pix failed to build is no evidence of a regression.
        }

        _solver.Value.NoteUse();
        double toleranceValue = ToleranceOf(attribute) ?? _options.Tolerance;
        HardwareProfile hw = _baseline.Baseline.ComparableProfile(HardwareProfile.Reference);
        InterfaceComparison comparison = InterfaceComparer.Compare(
            entry.Interface, current, toleranceValue, hw, _solver.Value.Engine, _solverOptions, context.CancellationToken);

        string tolerance = RegressionOptions.Format(toleranceValue);
        if (comparison.Slower is { } slower)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.SlowerThanBaseline, location, name, tolerance, slower + " on the reference profile", EngineNote(slower.Engine)));
        }

        if (comparison.Slower is null && comparison.SlowerOpen is { } why && _solver.Value.Engine.IsComplete)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.CheckInconclusive, location, name, $"can be slower than its baseline by more than {tolerance}", why));
        }

        if (comparison.Growth.Count > 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ComplexityGrew, location, name, comparison.DescribeGrowth()));
        }

        if (comparison.Faster is { } faster && comparison.Slower is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.FasterThanBaseline, location, name, tolerance, faster + " on the reference profile"));
        }
    }

    /// <summary>
    /// The method's interface at the resolution its baseline entry was written at, where the project's differs (its
    /// <c>PixResolution</c> changed since, or the file was written with another): pieces merged at one resolution and
    /// kept apart at the other differ on the inputs of the cheaper piece, so unchanged code read as slower (PIX0200)
    /// or faster (PIX0204) by the whole difference. A method's own <c>Resolution</c> still wins, as in every extraction.
    /// </summary>
    private InterfaceModel Current(IMethodSymbol method, double baselineResolution, System.Threading.CancellationToken ct)
    {
        ExtractionOptions options = _options.Extraction.DefaultResolution == baselineResolution
            ? _options.Extraction
            : _options.Extraction with { DefaultResolution = baselineResolution };
        return InterfaceExtractor.Extract(method, _compilation, options, ct);
    }

    /// <summary>
    /// The method's <c>RegressionTolerance</c> when it sets a non-negative one; null (the project's
    /// tolerance applies) for the default −1 or any other negative or non-finite value.
    /// </summary>
    public static double? ToleranceOf(AttributeData attribute) =>
        BudgetSpec.Named(attribute, "RegressionTolerance").Value is double t && t >= 0 && !double.IsInfinity(t) ? t : null;

    /// <summary>" (found by fallback …)" when an engine other than Z3 answered, else empty.</summary>
    public static string EngineNote(string engine) =>
        engine.StartsWith("z3", System.StringComparison.Ordinal) ? string.Empty : " (found by " + engine + ")";
}
