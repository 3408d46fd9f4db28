using System;
using System.Collections.Generic;
using System.IO;

namespace Pix.Package.Tests;

/// <summary>
/// A fresh console project, outside the repository, that gets Pix only from the packed package in
/// a local folder feed, with its own package folder so nothing reaches the user's NuGet cache.
/// </summary>
internal sealed class ConsumerProject : IDisposable
{
    public const string Name = "PixConsumer";

    public ConsumerProject(PackedPackage package, string programSource, string extraProperties = "")
    {
        Root = Directory.CreateTempSubdirectory("pix-consumer-").FullName;
        PackagesDirectory = Path.Combine(Root, ".packages");

        // Empty Directory.Build.* files stop MSBuild's upward search: nothing from /tmp or above
        // (or from this repository) leaks into the consumer.
        WriteFile("Directory.Build.props", "<Project />\n");
        WriteFile("Directory.Build.targets", "<Project />\n");
        WriteFile("Directory.Packages.props", "<Project />\n");

        // Only the local feed. A net10.0 console app needs nothing else from a registry (the
        // targeting and apphost packs come with the SDK), so the restore is offline and can only
        // find Pix in the package under test, never a same-named package elsewhere.
        WriteFile("NuGet.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="pix-under-test" value="{package.FeedDirectory}" />
              </packageSources>
              <fallbackPackageFolders>
                <clear />
              </fallbackPackageFolders>
            </configuration>
            """);

        WriteFile($"{Name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Pix" Version="[{package.Version}]" />
              </ItemGroup>
            </Project>
            """);

        WriteFile("Program.cs", programSource);
    }

    /// <summary>The project folder (temporary).</summary>
    public string Root { get; }

    /// <summary>The NuGet global packages folder used for this project only.</summary>
    public string PackagesDirectory { get; }

    /// <summary>Environment for every dotnet command on this project.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["NUGET_PACKAGES"] = PackagesDirectory,
        ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(Root, ".http-cache"),
    };

    public string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    /// <summary>
    /// Builds the project in Release as a user would, and returns the build's output: fails the test when
    /// the build fails or the compiler reports Pix's analyzers or generator failing to load or throwing
    /// (it reports those as warnings only).
    /// </summary>
    public string Build(TimeSpan timeout)
    {
        // No build servers: nothing is left running, and no compiler server holds an older copy
        // of the analyzers loaded from a path it has seen before.
        string output = DotNet.Run(
                Root, Environment, timeout,
                "build", Name + ".csproj", "-c", "Release", "-nologo",
                "--disable-build-servers", "-p:UseSharedCompilation=false")
            .EnsureSuccess("Building the consumer project")
            .Output;

        foreach (string id in new[] { "CS8032", "CS8033", "CS8784", "CS8785", "AD0001" })
        {
            Assert.False(output.Contains(id, StringComparison.Ordinal), $"The build reported {id}:\n{output}");
        }

        return output;
    }

    /// <summary>Writes a file of the project (folders created as needed).</summary>
    public void WriteFile(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), text);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
