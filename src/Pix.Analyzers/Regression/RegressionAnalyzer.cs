using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Analyzers.Diagnostics;
using Pix.Extraction;
using Pix.Model;
using Pix.Serialization;
using Pix.Solver;
using Pix.Targets;

namespace Pix.Analyzers.Regression;

/// <summary>
/// PIX0200–PIX0204, PIX0300: compares the interface of every <c>[PerformanceInterface]</c> method with
/// its entry in <c>pix.baseline.json</c> (an AdditionalFile). The check compares interfaces, not
/// timings, so it is deterministic: it never flaps on a noisy CI runner and needs no benchmark.
/// </summary>
/// <remarks>
/// Witnesses come from Z3 when libz3 loads, otherwise from the fallback engine (PIX0300 says so, once
/// per compilation). Latencies in messages are on the shipped reference profile, the profile the
/// baseline's resolution was chosen on. Projects without a baseline file are not checked at all.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RegressionAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SlowerThanBaseline,
        DiagnosticDescriptors.ComplexityGrew,
        DiagnosticDescriptors.NotInBaseline,
        DiagnosticDescriptors.BaselineUnreadable,
        DiagnosticDescriptors.FasterThanBaseline,
        DiagnosticDescriptors.SolverUnavailable);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(MethodSupport.AttributeMetadataName) is not { } attribute
                || BaselineSource.Find(start.Options.AdditionalFiles, start.CancellationToken) is not { } baseline)
            {
                return;
            }

            RegressionOptions options = RegressionOptions.From(start.Options.AnalyzerConfigOptionsProvider);
            var solverOptions = new SolverOptions
            {
                QueryLog = options.DumpFolder is { } folder ? new QueryDumpFolder(folder) : null,
            };
            SolverEngine engine = SolverEngine.CreateDefault(solverOptions);
            bool annotateAll = ProjectExtraction.AnnotateAll(start.Options.AnalyzerConfigOptionsProvider);
            var check = new Check(start.Compilation, attribute, annotateAll, baseline, options, engine, solverOptions);
            start.RegisterSymbolAction(check.Analyze, SymbolKind.Method);
            start.RegisterCompilationEndAction(check.Finish);
        });
    }

    private sealed class Check
    {
        private readonly Compilation _compilation;
        private readonly INamedTypeSymbol _attribute;
        private readonly bool _annotateAll;
        private readonly BaselineSource _baseline;
        private readonly RegressionOptions _options;
        private readonly SolverEngine _engine;
        private readonly SolverOptions _solverOptions;
        private int _compared;

        public Check(Compilation compilation, INamedTypeSymbol attribute, bool annotateAll, BaselineSource baseline, RegressionOptions options, SolverEngine engine, SolverOptions solverOptions)
        {
            _compilation = compilation;
            _attribute = attribute;
            _annotateAll = annotateAll;
            _baseline = baseline;
            _options = options;
            _engine = engine;
            _solverOptions = solverOptions;
        }

        public void Analyze(SymbolAnalysisContext context)
        {
            var method = (IMethodSymbol)context.Symbol;
            TargetKind target = ProjectExtraction.Target(method, _attribute, _annotateAll, context.CancellationToken);
            if (target == TargetKind.None)
            {
                return;
            }

            string name = method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
            Location location = method.Locations.FirstOrDefault() ?? Location.None;
            string? id = method.GetDocumentationCommentId();
            BaselineEntry? entry = id is null ? null : _baseline.Baseline.Find(id);
            if (entry is null)
            {
                if (target == TargetKind.Implicit)
                {
                    return; // Annotate-all surveys every method; only those someone put in the baseline are checked.
                }

                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotInBaseline, location, name, Baseline.FileName));
                return;
            }

            InterfaceModel current = InterfaceExtractor.Extract(method, _compilation, _options.Extraction, context.CancellationToken);
            if (current.IsInternalError)
            {
                return; // PIX0006 reports it; an interface Pix failed to build is no evidence of a regression.
            }

            System.Threading.Interlocked.Increment(ref _compared);
            HardwareProfile hw = HardwareProfile.Reference;
            InterfaceComparison comparison = InterfaceComparer.Compare(
                entry.Interface, current, _options.Tolerance, hw, _engine, _solverOptions, context.CancellationToken);

            string tolerance = RegressionOptions.Format(_options.Tolerance);
            if (comparison.Slower is { } slower)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.SlowerThanBaseline, location, name, tolerance, slower + " on the reference profile", EngineNote(slower.Engine)));
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

        public void Finish(CompilationAnalysisContext context)
        {
            foreach (Diagnostic problem in _baseline.Problems)
            {
                context.ReportDiagnostic(problem);
            }

            if (_engine is FallbackEngine && _compared > 0)
            {
                Z3Library.TryLoad(out _, out string why);
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SolverUnavailable, Location.None, why));
            }
        }

        private static string EngineNote(string engine) =>
            engine.StartsWith("z3", System.StringComparison.Ordinal) ? string.Empty : " (found by " + engine + ")";
    }
}
