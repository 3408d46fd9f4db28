using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Generator.Tests.Infrastructure;
using Pix.Model;

namespace Pix.Generator.Tests;

/// <summary>
/// The project's <c>PixResolution</c> is applied after the pipeline's Combine; the result must be the
/// model the extractor gives at that resolution directly, and the attribute's own resolution wins.
/// </summary>
public sealed class ResolutionTests
{
    private const string Source = """
        using Pix;

        namespace Demo
        {
            public static partial class Branches
            {
                [PerformanceInterface]
                public static int Close(int[] values, bool twice)
                {
                    int sum = 0;
                    for (int i = 0; i < values.Length; i++) sum += values[i];
                    if (twice) sum += 1;
                    return sum;
                }

                [PerformanceInterface(Resolution = 0)]
                public static int Pinned(int[] values, bool twice)
                {
                    int sum = 0;
                    for (int i = 0; i < values.Length; i++) sum += values[i];
                    if (twice) sum += 1;
                    return sum;
                }
            }
        }
        """;

    [Theory]
    [InlineData(null, 0.05)]
    [InlineData("0", 0)]
    [InlineData("0.5", 0.5)]
    [InlineData("not a number", 0.05)]
    [InlineData("-1", 0.05)]
    public void Project_resolution_gives_the_model_the_extractor_gives_at_that_resolution(string? property, double expected)
    {
        Compilation input = Pix.Testing.TestCompilation.CreateNamed("Resolution", Source);
        (_, GeneratorRunResult run) = GeneratorRunner.Run(input, property);
        var resolved = run.TrackedSteps[TrackingNames.Resolved].SelectMany(s => s.Outputs).Select(o => (Model.LatencyMethodSpec)o.Value).ToArray();

        IMethodSymbol close = (IMethodSymbol)input.GetTypeByMetadataName("Demo.Branches")!.GetMembers("Close").Single();
        InterfaceModel direct = InterfaceExtractor.Extract(close, input, ExtractionOptions.Default with { DefaultResolution = expected }, CancellationToken.None);
        Assert.Equal(direct, resolved.Single(s => s.MethodName == "Close").Interface);

        IMethodSymbol pinned = (IMethodSymbol)input.GetTypeByMetadataName("Demo.Branches")!.GetMembers("Pinned").Single();
        InterfaceModel pinnedModel = resolved.Single(s => s.MethodName == "Pinned").Interface;
        Assert.Equal(0, pinnedModel.Resolution);
        Assert.Equal(InterfaceExtractor.Extract(pinned, input, ExtractionOptions.Default, CancellationToken.None), pinnedModel);
    }

    [Fact]
    public void The_sample_has_pieces_that_only_a_coarse_resolution_merges()
    {
        // Otherwise the test above could not tell merging from not merging.
        Compilation input = Pix.Testing.TestCompilation.CreateNamed("Resolution", Source);
        IMethodSymbol close = (IMethodSymbol)input.GetTypeByMetadataName("Demo.Branches")!.GetMembers("Close").Single();
        int Pieces(double r) => InterfaceExtractor.Extract(close, input, ExtractionOptions.Default with { DefaultResolution = r }, CancellationToken.None).Pieces.Count;
        Assert.True(Pieces(0) > Pieces(0.5), $"{Pieces(0)} pieces at resolution 0, {Pieces(0.5)} at 0.5");
    }

    [Fact]
    public void Invalid_project_resolutions_fall_back_to_the_default()
    {
        Assert.Equal(0.05, PerformanceInterfaceGenerator.Parser.ProjectResolution(new TestOptions("1.5")));
        Assert.Equal(0.05, PerformanceInterfaceGenerator.Parser.ProjectResolution(new TestOptions("NaN")));
        Assert.Equal(0.05, PerformanceInterfaceGenerator.Parser.ProjectResolution(new TestOptions(null)));
        Assert.Equal(0.1, PerformanceInterfaceGenerator.Parser.ProjectResolution(new TestOptions("0.1")));
    }

    private sealed class TestOptions : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
    {
        private readonly string? _value;

        public TestOptions(string? value) => _value = value;

        public override bool TryGetValue(string key, out string value)
        {
            value = _value ?? "";
            return _value is not null && key == "build_property.PixResolution";
        }
    }
}
