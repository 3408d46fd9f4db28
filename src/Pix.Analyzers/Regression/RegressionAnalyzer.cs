using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Analyzers.Budget;
using Pix.Analyzers.Diagnostics;
using Pix.Solver;
using Pix.Targets;

namespace Pix.Analyzers.Regression;

/// <summary>
/// The checks that ask the solver about a method's interface: PIX0200–PIX0204 compare it with its
/// entry in <c>pix.baseline.json</c> (an AdditionalFile; see <see cref="BaselineCheck"/>), and
/// PIX0205–PIX0207 hold it to its declared latency budget (see <see cref="BudgetCheck"/>). Both
/// compare interfaces, not timings, so they are deterministic: they never flap on a noisy CI runner
/// and need no benchmark.
/// </summary>
/// <remarks>
/// One analyzer for both so that they share one engine per compilation and PIX0300 (libz3 could not
/// be loaded, the fallback engine answered) is reported once, whichever check asked. Latencies in
/// regression messages are on the shipped reference profile, the profile the baseline's resolution
/// was chosen on; a budget is checked on the reference profile or the one it names. Projects without a
/// baseline file get no regression check; methods without a budget get no budget check.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RegressionAnalyzer : DiagnosticAnalyzer
{
    private readonly Func<SolverOptions, SolverChoice> _chooseSolver;

    /// <summary>Creates the analyzer with the default engine choice (Z3 when libz3 loads).</summary>
    public RegressionAnalyzer()
        : this(SolverChoice.Default)
    {
    }

    /// <summary>Creates the analyzer with another engine choice (tests run the fallback path through it).</summary>
    internal RegressionAnalyzer(Func<SolverOptions, SolverChoice> chooseSolver) => _chooseSolver = chooseSolver;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SlowerThanBaseline,
        DiagnosticDescriptors.ComplexityGrew,
        DiagnosticDescriptors.NotInBaseline,
        DiagnosticDescriptors.BaselineUnreadable,
        DiagnosticDescriptors.FasterThanBaseline,
        DiagnosticDescriptors.BudgetExceeded,
        DiagnosticDescriptors.BudgetMalformed,
        DiagnosticDescriptors.BudgetInputUnbounded,
        DiagnosticDescriptors.CheckInconclusive,
        DiagnosticDescriptors.SolverUnavailable,
        DiagnosticDescriptors.ProfileUnreadable);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(MethodSupport.AttributeMetadataName) is not { } attribute)
            {
                return;
            }

            RegressionOptions options = RegressionOptions.From(start.Options.AnalyzerConfigOptionsProvider);
            var solverOptions = new SolverOptions
            {
                QueryLog = options.DumpFolder is { } folder ? new QueryDumpFolder(folder) : null,
            };
            // Lazily: a project with no baseline and no budget never loads libz3.
            var solver = new Lazy<SolverChoice>(() => _chooseSolver(solverOptions), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
            BaselineSource? baseline = BaselineSource.Find(start.Options.AdditionalFiles, options.BaselineFile, start.CancellationToken);
            BaselineCheck? regression = baseline is null ? null : new BaselineCheck(start.Compilation, baseline, options, solver, solverOptions);
            var budget = new BudgetCheck(start.Compilation, new BudgetProfiles(start.Options.AdditionalFiles), options.Extraction, solver, solverOptions);

            start.RegisterSymbolAction(symbol => Analyze(symbol, attribute, regression, budget), SymbolKind.Method);
            start.RegisterCompilationEndAction(end => Finish(end, regression, solver));
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol attributeType, BaselineCheck? regression, BudgetCheck budget)
    {
        var method = (IMethodSymbol)context.Symbol;
        AttributeData? attribute = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));
        if (attribute is null || !MethodSupport.Check(method, context.CancellationToken).IsSupported)
        {
            return;
        }

        regression?.Analyze(context, method, attribute);
        budget.Analyze(context, method, attribute);
    }

    private static void Finish(CompilationAnalysisContext context, BaselineCheck? regression, Lazy<SolverChoice> solver)
    {
        foreach (Diagnostic problem in regression?.Problems ?? ImmutableArray<Diagnostic>.Empty)
        {
            context.ReportDiagnostic(problem);
        }

        if (solver.IsValueCreated && solver.Value.Unavailable is { } why && solver.Value.Used)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SolverUnavailable, Location.None, why));
        }
    }
}
