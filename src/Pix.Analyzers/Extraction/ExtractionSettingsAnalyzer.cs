using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Analyzers.Diagnostics;
using Pix.Extraction;

namespace Pix.Analyzers.Extraction;

/// <summary>
/// PIX0007: the project's <c>PixBottomUpSummaries</c> is neither <c>true</c> nor <c>false</c>. The generator and the
/// analyzers then extract in the default mode (<see cref="ExtractionOptions.ParseBottomUp"/>, their one parser); this
/// says so once per compilation, so that a typo does not silently keep a mode the project meant to change.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExtractionSettingsAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ExtractionSettingInvalid);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationAction(static compilation =>
        {
            if (ProjectExtraction.InvalidBottomUp(compilation.Options.AnalyzerConfigOptionsProvider) is { } invalid)
            {
                string mode = ExtractionOptions.Default.BottomUpSummaries ? "bottom-up (the default)" : "to a bounded call depth (the default)";
                compilation.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ExtractionSettingInvalid, Location.None, invalid, mode));
            }
        });
    }
}
