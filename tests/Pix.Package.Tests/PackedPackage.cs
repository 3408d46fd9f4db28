using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Pix.Package.Tests;

/// <summary>
/// The <c>Pix</c> package packed once for all package tests (see <see cref="PackageCollection"/>), from the outputs this test project's
/// build already made (<c>dotnet pack src/Pix --no-build</c>), into a folder used as a NuGet feed.
/// </summary>
public sealed class PackedPackage : IDisposable
{
    public PackedPackage()
    {
        RepoRoot = Metadata("PixRepoRoot");
        Configuration = Metadata("PixConfiguration");
        FeedDirectory = Directory.CreateTempSubdirectory("pix-feed-").FullName;

        PackOutput = DotNet.Run(
                RepoRoot,
                new Dictionary<string, string>(),
                TimeSpan.FromMinutes(5),
                "pack", Path.Combine(RepoRoot, "src", "Pix", "Pix.csproj"),
                "--no-build", "-c", Configuration, "-o", FeedDirectory, "-nologo")
            .EnsureSuccess("Packing src/Pix")
            .Output;

        string[] packages = Directory.GetFiles(FeedDirectory, "Pix.*.nupkg");
        Assert.True(packages.Length == 1, $"Expected one Pix package in {FeedDirectory}, found {packages.Length}:\n{PackOutput}");
        PackagePath = packages[0];
        Version = Path.GetFileNameWithoutExtension(PackagePath).Substring("Pix.".Length);
    }

    /// <summary>The repository this test assembly was built from.</summary>
    public string RepoRoot { get; }

    /// <summary>The build configuration whose outputs were packed.</summary>
    public string Configuration { get; }

    /// <summary>A folder holding only the packed package: a local NuGet feed.</summary>
    public string FeedDirectory { get; }

    /// <summary>The <c>.nupkg</c> file.</summary>
    public string PackagePath { get; }

    /// <summary>The package version (from Directory.Build.props).</summary>
    public string Version { get; }

    /// <summary>What <c>dotnet pack</c> printed.</summary>
    public string PackOutput { get; }

    public void Dispose() => Directory.Delete(FeedDirectory, recursive: true);

    private static string Metadata(string key) =>
        typeof(PackedPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} has no value.");
}
