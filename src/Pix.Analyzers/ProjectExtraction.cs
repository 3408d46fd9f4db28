using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Extraction;

namespace Pix.Analyzers;

/// <summary>
/// The extraction options every analyzer uses for a project: the defaults with the project's
/// <c>PixResolution</c>, the same resolution the generator and <c>pix baseline update</c> use. Using one
/// options value also lets the analyzers share each method's extraction (see the extractor's cache).
/// </summary>
internal static class ProjectExtraction
{
    public static ExtractionOptions Options(AnalyzerConfigOptionsProvider provider) =>
        provider.GlobalOptions.TryGetValue(ExtractionOptions.ResolutionBuildProperty, out string? text)
            ? ExtractionOptions.Default.WithProjectResolution(text)
            : ExtractionOptions.Default;
}
