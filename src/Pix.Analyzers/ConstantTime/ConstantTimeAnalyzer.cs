using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Pix.Analyzers.Diagnostics;
using Pix.ConstantTime;

namespace Pix.Analyzers.ConstantTime;

/// <summary>
/// PIX0100–PIX0105: the latency of <c>[ConstantTime]</c> methods and of methods with <c>[Secret]</c>
/// parameters must not depend on secrets. The analysis itself is <see cref="ConstantTimeEngine"/>
/// in Pix.Extractor; this class only turns its findings into diagnostics.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConstantTimeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SecretDependentBranch,
        DiagnosticDescriptors.SecretDependentLoop,
        DiagnosticDescriptors.SecretDependentMemoryAccess,
        DiagnosticDescriptors.VariableLatencyOperation,
        DiagnosticDescriptors.VariableTimeApi,
        DiagnosticDescriptors.ConstantTimeMethodNotProtected,
        DiagnosticDescriptors.ConstantTimeInterfaceDisagrees,
        DiagnosticDescriptors.ConstantTimeSettingInvalid);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (ConstantTimeSymbols.Create(start.Compilation) is not { } symbols)
            {
                return; // Pix.Runtime is not referenced: nothing can be [Secret].
            }

            ConstantTimeSettings settings = ConstantTimeSettings.From(start.Options.AnalyzerConfigOptionsProvider);
            var engine = new ConstantTimeEngine(start.Compilation, symbols, settings.Options);
            var agreement = new InterfaceAgreementCheck(start.Compilation, symbols, ProjectExtraction.Options(start.Options.AnalyzerConfigOptionsProvider), settings.Options);
            start.RegisterOperationBlockAction(block => AnalyzeMethod(block, engine, agreement));
            if (settings.Invalid is { } invalid)
            {
                start.RegisterCompilationEndAction(end => end.ReportDiagnostic(
                    Diagnostic.Create(DiagnosticDescriptors.ConstantTimeSettingInvalid, Location.None, invalid.Value, invalid.Source)));
            }
        });
    }

    private static void AnalyzeMethod(OperationBlockAnalysisContext context, ConstantTimeEngine engine, InterfaceAgreementCheck agreement)
    {
        if (context.OwningSymbol is not IMethodSymbol method || !SecretPolicy.IsChecked(method, engine.Symbols))
        {
            return;
        }

        IOperation? body = context.OperationBlocks.FirstOrDefault(b => b is IMethodBodyOperation or IBlockOperation);
        if (body is null)
        {
            return;
        }

        ConstantTimeReport report = engine.Check(method, body, context.CancellationToken);
        foreach (ConstantTimeFinding finding in report.Findings)
        {
            context.ReportDiagnostic(ToDiagnostic(finding));
        }

        if (agreement.Disagreement(method, report, context.CancellationToken) is { } disagreement)
        {
            context.ReportDiagnostic(disagreement);
        }

        if (report.MissingJitProtection is { } reason && method.Locations.FirstOrDefault() is { } name)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ConstantTimeMethodNotProtected,
                name,
                method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                reason));
        }
    }

    private static Diagnostic ToDiagnostic(ConstantTimeFinding finding)
    {
        DiagnosticDescriptor descriptor = finding.Kind switch
        {
            ViolationKind.Branch => DiagnosticDescriptors.SecretDependentBranch,
            ViolationKind.Loop => DiagnosticDescriptors.SecretDependentLoop,
            ViolationKind.MemoryIndex => DiagnosticDescriptors.SecretDependentMemoryAccess,
            ViolationKind.VariableLatencyOperation => DiagnosticDescriptors.VariableLatencyOperation,
            _ => DiagnosticDescriptors.VariableTimeApi,
        };

        // The path's steps (secret, each variable it went through, callee leaks) show in the IDE
        // as additional locations; the operation itself is the main location.
        ImmutableArray<Location> path = finding.PathLocations()
            .Where(l => l.IsInSource && l != finding.Location)
            .ToImmutableArray();
        return Diagnostic.Create(
            descriptor,
            finding.Location,
            path,
            finding.Construct,
            finding.Taint.Secret,
            finding.Taint.Describe(),
            finding.Detail is null ? string.Empty : "; " + finding.Detail);
    }
}
