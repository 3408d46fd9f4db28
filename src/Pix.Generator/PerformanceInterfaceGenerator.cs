using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pix.Extraction;
using Pix.Generator.Model;
using Pix.Targets;

namespace Pix.Generator;

/// <summary>
/// Generates, for every method marked <c>[PerformanceInterface]</c> (and, with <c>PixAnnotateAll=true</c>,
/// every other method of a partial type that can have one), a companion
/// <c>LatencyOf_X(same inputs…, HardwareProfile hw, PCVs…)</c> in the same partial type: a short,
/// readable program that predicts the method's latency.
/// </summary>
/// <remarks>
/// Only the pipeline lives here; the parser (symbols → value-only specs), the emitter (specs → C#) and
/// the models are in their own files. The generator reports nothing: unsupported methods get no
/// companion, and <c>Pix.Analyzers</c> explains why (PIX0001, PIX0003) from the same
/// <see cref="MethodSupport"/> check.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed partial class PerformanceInterfaceGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // 1. How models are extracted: every piece kept (merged in step 3), callees summarised in the mode
        //    build_property.PixBottomUpSummaries picks (the default's when it is missing or invalid).
        IncrementalValueProvider<ExtractionOptions> extraction = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => Parser.ProjectExtraction(options.GlobalOptions))
            .WithTrackingName(TrackingNames.ExtractionSetting);

        // 1b. Every [PerformanceInterface] method → a value-only target, then → a spec holding its interface extracted
        //     with those options (null when the method cannot get a companion). The attribute step's transform cannot
        //     read options, so extraction follows the Combine, finding the method again by its documentation ID; both
        //     steps run again on every compilation, as the attribute step's transform did when it extracted.
        IncrementalValuesProvider<LatencyMethodSpec?> methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                MethodSupport.AttributeMetadataName,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: static (context, _) => Parser.Target(context))
            .WithTrackingName(TrackingNames.Transform)
            .Where(static target => target is not null)
            .Combine(context.CompilationProvider.Combine(extraction))
            .Select(static (pair, ct) => Parser.Parse(pair.Left!, pair.Right.Left, pair.Right.Right, ct))
            .WithTrackingName(TrackingNames.Extracted)
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.Supported);

        // 2. The project's default resolution: build_property.PixResolution, else 0.05.
        IncrementalValueProvider<double> projectResolution = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => Parser.ProjectResolution(options.GlobalOptions))
            .WithTrackingName(TrackingNames.ProjectResolution);

        // 3. Apply it to the methods whose attribute does not set a resolution of its own.
        IncrementalValuesProvider<LatencyMethodSpec> resolved = methods
            .Combine(projectResolution)
            .Select(static (pair, ct) => Parser.ApplyResolution(pair.Left!, pair.Right, ct))
            .WithTrackingName(TrackingNames.Resolved);

        // 4. Annotate-all mode (build_property.PixAnnotateAll): every other method Pix can give a companion.
        //    Off (the default), the step returns nothing at once and the attributed path above is all there is.
        //    On, it reads the whole compilation, so it reruns on every edit: the extractor's cache keeps that
        //    cheap, and equal specs stop the work before emission.
        IncrementalValueProvider<bool> annotateAll = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => AnnotateAll.IsEnabled(options.GlobalOptions))
            .WithTrackingName(TrackingNames.AnnotateAllSetting);

        IncrementalValuesProvider<LatencyMethodSpec> implicitTargets = context.CompilationProvider
            .Combine(annotateAll.Combine(extraction))
            .SelectMany(static (pair, ct) => pair.Right.Left ? AnnotateAll.Parse(pair.Left, pair.Right.Right, ct) : ImmutableArray<LatencyMethodSpec>.Empty)
            .WithTrackingName(TrackingNames.AnnotateAllTransform)
            .Combine(projectResolution)
            .Select(static (pair, ct) => Parser.ApplyResolution(pair.Left, pair.Right, ct))
            .WithTrackingName(TrackingNames.AnnotateAllResolved);

        // 5. One file per containing type, its methods sorted ordinally.
        IncrementalValuesProvider<GeneratedFileSpec> files = resolved
            .Collect()
            .Combine(implicitTargets.Collect())
            .Combine(annotateAll)
            .SelectMany(static (pair, _) => Parser.GroupByType(AnnotateAll.Merge(pair.Left.Left, pair.Left.Right, pair.Right)))
            .WithTrackingName(TrackingNames.Files);

        // 6. Whether to emit the ExplainLatencyOf_X twins: build_property.PixExplain, off unless it reads true.
        IncrementalValueProvider<bool> explain = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => Parser.Explain(options.GlobalOptions))
            .WithTrackingName(TrackingNames.ExplainSetting);

        // 7. Emit. The text is a pure function of the file spec and that setting, so an unchanged spec is never re-emitted.
        context.RegisterSourceOutput(files.Combine(explain), static (output, pair) =>
            output.AddSource(pair.Left.Type.HintName, Emitter.Emit(pair.Left, GeneratorVersion, pair.Right)));
    }
}
