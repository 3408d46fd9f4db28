using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Pix.Package.Tests;

/// <summary>What the package's build/Pix.props and Pix.targets do in a consumer project (evaluation only, no compile).</summary>
[Trait("Category", "Package")]
[Collection(PackageCollection.Name)]
public sealed class PackageMSBuildTests
{
    private const string EmptyProgram = "internal static class Program { private static void Main() { } }\n";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    private readonly PackedPackage _package;

    public PackageMSBuildTests(PackedPackage package) => _package = package;

    [Fact]
    public void The_baseline_and_every_hardware_profile_become_AdditionalFiles_and_PixProfile_a_full_path()
    {
        using var consumer = new ConsumerProject(_package, EmptyProgram, "<PixProfile>profiles/machine.pixhw.json</PixProfile>");
        consumer.WriteFile("pix.baseline.json", "{}");
        consumer.WriteFile("profiles/machine.pixhw.json", "{}");
        consumer.WriteFile("other.pixhw.json", "{}");
        consumer.WriteFile("bin/stale.pixhw.json", "{}");

        JsonElement result = Evaluate(consumer, "-getItem:AdditionalFiles", "-getProperty:PixProfile", "-getProperty:PixBaselineFile");

        string[] additionalFiles = result.GetProperty("Items").GetProperty("AdditionalFiles").EnumerateArray()
            .Select(item => Path.GetRelativePath(consumer.Root, item.GetProperty("FullPath").GetString()!).Replace('\\', '/'))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(new[] { "other.pixhw.json", "pix.baseline.json", "profiles/machine.pixhw.json" }, additionalFiles);

        JsonElement properties = result.GetProperty("Properties");
        Assert.Equal(consumer.PathOf("profiles/machine.pixhw.json"), properties.GetProperty("PixProfile").GetString());
        Assert.Equal(consumer.PathOf("pix.baseline.json"), properties.GetProperty("PixBaselineFile").GetString());
    }

    [Fact]
    public void A_PixProfile_that_does_not_exist_stops_the_build_with_a_message_that_says_how_to_make_one()
    {
        using var consumer = new ConsumerProject(_package, EmptyProgram, "<PixProfile>missing.pixhw.json</PixProfile>");

        DotNet.Result result = DotNet.Run(
            consumer.Root, consumer.Environment, CommandTimeout,
            "msbuild", ConsumerProject.Name + ".csproj", "-restore", "-t:PixCheckProfile", "-nologo", "-nodeReuse:false");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("missing.pixhw.json', but no such file exists", result.Output);
        Assert.Contains("pix calibrate", result.Output);
    }

    /// <summary>Restores the consumer, then evaluates it and returns MSBuild's JSON answer.</summary>
    private static JsonElement Evaluate(ConsumerProject consumer, params string[] queries)
    {
        DotNet.Run(consumer.Root, consumer.Environment, CommandTimeout, "restore", ConsumerProject.Name + ".csproj", "-nologo")
            .EnsureSuccess("Restoring the consumer project");

        var arguments = new List<string> { "msbuild", ConsumerProject.Name + ".csproj", "-nologo" };
        arguments.AddRange(queries);
        string json = DotNet.Run(consumer.Root, consumer.Environment, CommandTimeout, arguments.ToArray())
            .EnsureSuccess("Evaluating the consumer project")
            .Output;
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
