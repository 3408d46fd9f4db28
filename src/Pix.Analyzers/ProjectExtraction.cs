using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Extraction;
using Pix.Targets;

namespace Pix.Analyzers;

/// <summary>
/// What the analyzers extract for a project, and how: the defaults with the project's <c>PixResolution</c>
/// (the resolution the generator and <c>pix baseline update</c> use; one options value also lets the
/// analyzers share each method's extraction through the extractor's cache) and <c>PixBottomUpSummaries</c>
/// (the mode the generator extracts in), and which methods:
/// <c>[PerformanceInterface]</c> ones, plus, with <c>PixAnnotateAll=true</c>, every method the generator
/// then gives a companion (<see cref="MethodSupport.IsImplicitTarget"/>, the rule it uses too).
/// </summary>
internal static class ProjectExtraction
{
    public static ExtractionOptions Options(AnalyzerConfigOptionsProvider provider)
    {
        provider.GlobalOptions.TryGetValue(ExtractionOptions.ResolutionBuildProperty, out string? resolution);
        provider.GlobalOptions.TryGetValue(ExtractionOptions.BottomUpBuildProperty, out string? bottomUp);
        return ExtractionOptions.Default.WithProjectResolution(resolution).WithProjectBottomUp(bottomUp);
    }

    /// <summary>True when the project sets <c>PixAnnotateAll=true</c>.</summary>
    public static bool AnnotateAll(AnalyzerConfigOptionsProvider provider) =>
        provider.GlobalOptions.TryGetValue(MethodSupport.AnnotateAllBuildProperty, out string? text) && MethodSupport.IsAnnotateAllEnabled(text);

    /// <summary>Whether <paramref name="method"/> carries <paramref name="attribute"/> (<c>[PerformanceInterface]</c>).</summary>
    public static bool IsAnnotated(IMethodSymbol method, INamedTypeSymbol attribute) =>
        method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    /// <summary>
    /// How <paramref name="method"/> is a target: <see cref="TargetKind.Annotated"/> (a supported
    /// <c>[PerformanceInterface]</c> method), <see cref="TargetKind.Implicit"/> (annotate-all mode), or
    /// <see cref="TargetKind.None"/>.
    /// </summary>
    public static TargetKind Target(IMethodSymbol method, INamedTypeSymbol attribute, bool annotateAll, CancellationToken cancellationToken)
    {
        if (IsAnnotated(method, attribute))
        {
            return MethodSupport.Check(method, cancellationToken).IsSupported ? TargetKind.Annotated : TargetKind.None;
        }

        return annotateAll && MethodSupport.IsImplicitTarget(method, cancellationToken) ? TargetKind.Implicit : TargetKind.None;
    }
}

/// <summary>Why the analyzers look at a method (see <see cref="ProjectExtraction.Target"/>).</summary>
internal enum TargetKind
{
    /// <summary>Not a target.</summary>
    None,

    /// <summary>A supported <c>[PerformanceInterface]</c> method.</summary>
    Annotated,

    /// <summary>A method annotate-all mode treats as annotated.</summary>
    Implicit,
}
