using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Analyzers.Diagnostics;

namespace Pix.Analyzers.Extraction;

/// <summary>
/// PIX0007: a Pix MSBuild property with a fixed form (<see cref="ProjectSetting.All"/>: <c>PixResolution</c>,
/// <c>PixRegressionTolerance</c>, <c>PixBottomUpSummaries</c>, <c>PixAnnotateAll</c>, <c>PixExplain</c>) has a value
/// its reader cannot take. The generator and the analyzers then keep the default; this says so once per compilation
/// and property, so that a typo does not silently keep a setting the project meant to change.
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
            AnalyzerConfigOptions options = compilation.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
            foreach (ProjectSetting setting in ProjectSetting.All)
            {
                if (options.TryGetValue(setting.Key, out string? value) && setting.Invalid(value) is { } invalid)
                {
                    compilation.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.ExtractionSettingInvalid, Location.None, invalid, setting.Name, setting.Expected, setting.Fallback));
                }
            }
        });
    }
}
