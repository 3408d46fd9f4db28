using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pix.Generator.Model;
using Pix.Targets;

namespace Pix.Generator;

/// <summary>
/// Generates, for every method marked <c>[PerformanceInterface]</c>, a companion
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
        // 1. Every [PerformanceInterface] method → a value-only spec holding its extracted interface
        //    (null when the method cannot get a companion). The transform is the only step that sees symbols.
        IncrementalValuesProvider<LatencyMethodSpec?> methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                MethodSupport.AttributeMetadataName,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: static (context, ct) => Parser.Parse(context, ct))
            .WithTrackingName(TrackingNames.Transform)
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

        // 4. One file per containing type, its methods sorted ordinally.
        IncrementalValuesProvider<GeneratedFileSpec> files = resolved
            .Collect()
            .SelectMany(static (specs, _) => Parser.GroupByType(specs))
            .WithTrackingName(TrackingNames.Files);

        // 5. Emit. The text is a pure function of the file spec, so an unchanged spec is never re-emitted.
        context.RegisterSourceOutput(files, static (output, file) =>
            output.AddSource(file.Type.HintName, Emitter.Emit(file, GeneratorVersion)));
    }
}
