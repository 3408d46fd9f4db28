using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Pix.Analyzers.Diagnostics;
using Pix.Targets;

namespace Pix.Analyzers.Extraction;

/// <summary>
/// PIX0001 and PIX0003: a <c>[PerformanceInterface]</c> method that gets no <c>LatencyOf_X</c>. The
/// verdict is <see cref="MethodSupport.Check"/>, the same call the generator makes, so the two never
/// disagree about which methods get an interface.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MethodSupportAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.TypeNotPartial, DiagnosticDescriptors.UnsupportedMethod);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(MethodSupport.AttributeMetadataName) is not { } attribute)
            {
                return;
            }

            start.RegisterSymbolAction(symbol => Check(symbol.Symbol, attribute, symbol.ReportDiagnostic, symbol.CancellationToken), SymbolKind.Method);

            // Local functions and lambdas are not symbols the symbol action visits.
            start.RegisterOperationAction(
                operation =>
                {
                    IMethodSymbol? method = operation.Operation switch
                    {
                        ILocalFunctionOperation local => local.Symbol,
                        IAnonymousFunctionOperation lambda => lambda.Symbol,
                        _ => null,
                    };
                    if (method is not null)
                    {
                        Check(method, attribute, operation.ReportDiagnostic, operation.CancellationToken);
                    }
                },
                OperationKind.LocalFunction,
                OperationKind.AnonymousFunction);
        });
    }

    private static void Check(ISymbol symbol, INamedTypeSymbol attribute, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        if (symbol is not IMethodSymbol method ||
            !method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)))
        {
            return;
        }

        MethodSupport support = MethodSupport.Check(method, cancellationToken);
        Location location = method.Locations.FirstOrDefault() ?? Location.None;
        string name = method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        switch (support.Status)
        {
            case MethodSupportStatus.NotPartial:
                report(Diagnostic.Create(DiagnosticDescriptors.TypeNotPartial, location, support.NonPartialType, method.Name));
                break;
            case MethodSupportStatus.Unsupported:
                report(Diagnostic.Create(DiagnosticDescriptors.UnsupportedMethod, location, name, support.Message.TrimEnd('.')));
                break;
        }
    }
}
