using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Generator.Tests.Infrastructure;
using Pix.Testing;

namespace Pix.Generator.Tests;

/// <summary>
/// <c>PixBottomUpSummaries</c>: the generator extracts in the mode the project picks, on the annotated path and in
/// annotate-all mode, and changing the property re-extracts without re-reading the attributes.
/// </summary>
[Collection(ProcessWideCacheCollection.Name)]
public sealed class BottomUpSettingTests
{
    private const string Chain = CallChains.FiveDeep;

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("false", false)]
    [InlineData("not a boolean", false)]
    [InlineData("true", true)]
    [InlineData(" True ", true)]
    public void The_model_follows_PixBottomUpSummaries(string? setting, bool bottomUp)
    {
        Model.LatencyMethodSpec spec = Spec(setting, pixAnnotateAll: null, "Entry");

        // Bottom-up, Five's loop is in Entry's interface and nothing is cut; depth-bounded, the call past the depth is.
        Assert.Equal(bottomUp, spec.Interface.IsComplete);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("true", true)]
    public void Annotate_all_follows_PixBottomUpSummaries(string? setting, bool bottomUp)
    {
        // One is an implicit target there (not annotated): Five's loop is four calls down from it, past the depth.
        Model.LatencyMethodSpec spec = Spec(setting, pixAnnotateAll: "true", "One");
        Assert.Equal(bottomUp, spec.Interface.IsComplete);
    }

    [Fact]
    public void Annotate_all_does_not_serve_one_mode_s_kept_targets_to_the_other()
    {
        // One compilation, one file path: the process-wide store of kept trees would hold the first mode's specs for it.
        CSharpCompilation compilation = Pix.Testing.TestCompilation.CreateNamed("BottomUpKept", Chain);
        foreach ((string setting, bool bottomUp) in new[] { ("false", false), ("true", true), ("false", false) })
        {
            GeneratorRunResult run = GeneratorRunner.CreateDriver(Pix.Testing.TestCompilation.ParseOptions, pixAnnotateAll: "true", pixBottomUp: setting)
                .RunGenerators(compilation).GetRunResult().Results.Single();
            Model.LatencyMethodSpec one = run.TrackedSteps[TrackingNames.AnnotateAllTransform].SelectMany(s => s.Outputs)
                .Select(o => (Model.LatencyMethodSpec)o.Value).Single(s => s.MethodName == "One");
            Assert.Equal(bottomUp, one.Interface.IsComplete);
        }
    }

    [Fact]
    public void Changing_the_property_extracts_again_without_reading_the_attributes_again()
    {
        CSharpCompilation compilation = Pix.Testing.TestCompilation.CreateNamed("BottomUpSwitch", Chain);
        GeneratorDriver driver = GeneratorRunner.CreateDriver(Pix.Testing.TestCompilation.ParseOptions).RunGenerators(compilation);
        string before = driver.GetRunResult().GeneratedTrees.Single().ToString();

        driver = driver.WithUpdatedAnalyzerConfigOptions(Pix.Testing.GlobalAnalyzerConfig.FromBuildProperties(("PixBottomUpSummaries", "true")))
            .RunGenerators(compilation);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.Null(run.Exception);

        Assert.All(run.TrackedSteps[TrackingNames.Transform].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(run.TrackedSteps[TrackingNames.ExtractionSetting].SelectMany(s => s.Outputs)).Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(run.TrackedSteps[TrackingNames.Extracted].SelectMany(s => s.Outputs)).Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(run.TrackedSteps[TrackingNames.Files].SelectMany(s => s.Outputs)).Reason);
        Assert.NotEqual(before, run.GeneratedSources.Single().SourceText.ToString());

        // A value that reads the same mode again ("TRUE") changes the setting's text, not the options: nothing downstream moves.
        driver = driver.WithUpdatedAnalyzerConfigOptions(Pix.Testing.GlobalAnalyzerConfig.FromBuildProperties(("PixBottomUpSummaries", "TRUE")))
            .RunGenerators(compilation);
        run = driver.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.Unchanged, Assert.Single(run.TrackedSteps[TrackingNames.ExtractionSetting].SelectMany(s => s.Outputs)).Reason);
        Assert.All(run.TrackedSteps[TrackingNames.Files].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    private static Model.LatencyMethodSpec Spec(string? setting, string? pixAnnotateAll, string method)
    {
        CSharpCompilation compilation = Pix.Testing.TestCompilation.CreateNamed("BottomUp" + (setting ?? "null").Trim() + pixAnnotateAll, Chain);
        GeneratorDriver driver = GeneratorRunner.CreateDriver(Pix.Testing.TestCompilation.ParseOptions, pixAnnotateAll: pixAnnotateAll, pixBottomUp: setting)
            .RunGenerators(compilation);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.Null(run.Exception);
        string step = pixAnnotateAll is null ? TrackingNames.Supported : TrackingNames.AnnotateAllTransform;
        return run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => (Model.LatencyMethodSpec)o.Value).Single(s => s.MethodName == method);
    }
}
