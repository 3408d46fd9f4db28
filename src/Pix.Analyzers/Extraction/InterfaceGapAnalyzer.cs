using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Analyzers.Diagnostics;
using Pix.Extraction;
using Pix.Model;
using Pix.Targets;

namespace Pix.Analyzers.Extraction;

/// <summary>
/// PIX0002, PIX0004, PIX0005, PIX0006: one diagnostic per gap of a <c>[PerformanceInterface]</c> method's
/// extracted interface (with <c>PixAnnotateAll=true</c>, of every method that gets a companion), at the gap's place, saying what Pix could not model, why, and how to help.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InterfaceGapAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.IncompleteInterface,
        DiagnosticDescriptors.UnboundedLoop,
        DiagnosticDescriptors.AnalysisBudgetExceeded,
        DiagnosticDescriptors.InternalError);

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

            Compilation compilation = start.Compilation;
            ExtractionOptions options = ProjectExtraction.Options(start.Options.AnalyzerConfigOptionsProvider);
            bool annotateAll = ProjectExtraction.AnnotateAll(start.Options.AnalyzerConfigOptionsProvider);
            start.RegisterSymbolAction(symbol => Analyze(symbol, attribute, annotateAll, compilation, options), SymbolKind.Method);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol attribute, bool annotateAll, Compilation compilation, ExtractionOptions options)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (ProjectExtraction.Target(method, attribute, annotateAll, context.CancellationToken) == TargetKind.None)
        {
            return; // PIX0001/PIX0003 already say why an annotated method has no interface.
        }

        InterfaceModel model = InterfaceExtractor.Extract(method, compilation, options, context.CancellationToken);
        string name = method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
        Location methodLocation = method.Locations.FirstOrDefault() ?? Location.None;
        foreach (Gap gap in model.Gaps)
        {
            context.ReportDiagnostic(ToDiagnostic(gap, name, method, methodLocation, compilation));
        }
    }

    private static Diagnostic ToDiagnostic(Gap gap, string methodName, IMethodSymbol method, Location methodLocation, Compilation compilation)
    {
        // A gap inside the method is reported where it is; a gap in a callee the extractor followed is
        // reported on the method's name (the callee may serve many interfaces) and says where it is.
        Location? gapLocation = ProvenanceLocations.Find(gap.Where, compilation);
        bool inside = gapLocation is not null && method.DeclaringSyntaxReferences.Any(r =>
            r.SyntaxTree == gapLocation.SourceTree && r.Span.Contains(gapLocation.SourceSpan));
        // The whole declaration (recursion, a body Pix cannot read) is flagged on the method's name.
        bool wholeMethod = inside && method.DeclaringSyntaxReferences.Any(r => r.Span == gapLocation!.SourceSpan);
        Location location = inside && !wholeMethod ? gapLocation! : methodLocation;
        string line = gap.Construct.Contains("line") ? string.Empty : $"line {gap.Where.Line}";
        string where = inside
            ? (line.Length == 0 ? gap.Construct : $"{gap.Construct} ({line})")
            : $"{gap.Construct} (in {System.IO.Path.GetFileName(gap.Where.FilePath)}{(line.Length == 0 ? string.Empty : ", " + line)})";
        string reason = gap.Reason.TrimEnd('.', ' ');
        ImmutableArray<Location> additional = !inside && gapLocation is not null ? ImmutableArray.Create(gapLocation) : ImmutableArray<Location>.Empty;

        return gap.Kind switch
        {
            GapKind.UnboundedLoop => Diagnostic.Create(DiagnosticDescriptors.UnboundedLoop, location, additional, where, methodName, reason),
            GapKind.BudgetExceeded => Diagnostic.Create(DiagnosticDescriptors.AnalysisBudgetExceeded, location, additional, methodName, where, reason),
            GapKind.InternalError => Diagnostic.Create(DiagnosticDescriptors.InternalError, methodLocation, methodName, reason),
            _ => Diagnostic.Create(
                DiagnosticDescriptors.IncompleteInterface,
                location,
                SeverityOf(gap.Kind),
                additional,
                properties: null,
                methodName,
                where,
                reason,
                ConsequenceOf(gap.Kind, method.Name)),
        };
    }

    /// <summary>A construct Pix does not model at all, or a hint it ignored, is a warning; an approximation it can price is information.</summary>
    private static DiagnosticSeverity SeverityOf(GapKind kind) =>
        kind is GapKind.UnsupportedConstruct or GapKind.MisplacedHint ? DiagnosticSeverity.Warning : DiagnosticSeverity.Info;

    /// <summary>What the gap means for the prediction, per kind.</summary>
    private static string ConsequenceOf(GapKind kind, string method) => kind switch
    {
        GapKind.UnsupportedConstruct => "The prediction leaves its real cost out",
        GapKind.OpaqueCall => "The hardware profile prices it by name; mark the callee [PerformanceInterface] if it is your code",
        GapKind.Recursion => $"LatencyOf_{method} is as accurate as the depth it is given",
        GapKind.DataDependentBranch => "The prediction is an upper bound when the cheaper arm runs",
        GapKind.MisplacedHint => "The interface is extracted as if the hint were not there",
        _ => "The prediction is approximate there",
    };
}
