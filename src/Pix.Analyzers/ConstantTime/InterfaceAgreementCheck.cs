using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Analyzers.Diagnostics;
using Pix.ConstantTime;
using Pix.Extraction;
using Pix.Model;
using Pix.Solver;
using Pix.Targets;

namespace Pix.Analyzers.ConstantTime;

/// <summary>
/// PIX0106: a <c>[ConstantTime]</c> method that passes and has a generated interface
/// (<c>[PerformanceInterface]</c>) must have an interface that depends on no secret
/// (<see cref="InterfaceAgreement"/>). Only such methods are extracted here: their interface is
/// extracted for the generator anyway, and a method without one has no <c>LatencyOf_X</c> to disagree.
/// </summary>
internal sealed class InterfaceAgreementCheck
{
    private readonly Compilation _compilation;
    private readonly ConstantTimeSymbols _symbols;
    private readonly ExtractionOptions _extraction;
    private readonly INamedTypeSymbol? _performanceInterface;
    private readonly Lazy<SolverEngine> _solver;

    public InterfaceAgreementCheck(Compilation compilation, ConstantTimeSymbols symbols, ExtractionOptions extraction, ConstantTimeOptions options)
    {
        _compilation = compilation;
        _symbols = symbols;
        _extraction = extraction;
        _performanceInterface = compilation.GetTypeByMetadataName(MethodSupport.AttributeMetadataName);
        _solver = new Lazy<SolverEngine>(() => SolverEngine.CreateDefault(options.Solver), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>PIX0106 for <paramref name="method"/>, or null when it does not apply or the two agree.</summary>
    public Diagnostic? Disagreement(IMethodSymbol method, ConstantTimeReport report, CancellationToken cancellationToken)
    {
        if (!report.Findings.IsEmpty || !_symbols.IsConstantTime(method) || _performanceInterface is null ||
            !method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, _performanceInterface)))
        {
            return null;
        }

        InterfaceModel model = InterfaceExtractor.Extract(method, _compilation, _extraction, cancellationToken);
        if (model.IsInternalError)
        {
            return null; // PIX0006 reports it.
        }

        ImmutableArray<SecretQuantity> dependencies = InterfaceAgreement.SecretDependencies(
            model, method, report, _compilation, _symbols, _solver.Value, cancellationToken);
        if (dependencies.IsEmpty || method.Locations.FirstOrDefault() is not { } location)
        {
            return null;
        }

        SecretQuantity first = dependencies[0];
        return Diagnostic.Create(
            DiagnosticDescriptors.ConstantTimeInterfaceDisagrees,
            location,
            method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
            $"the {first.Kind} '{first.Quantity}'",
            first.Secret);
    }
}
