using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Pix.Corpus;

/// <summary>The assemblies of one NuGet package after an ordinary restore: the package's own
/// implementation assemblies (to decompile) and its dependencies' compile assemblies (to reference).</summary>
internal sealed record RestoredPackage(string Id, string Version, IReadOnlyList<string> Implementation, IReadOnlyList<string> Dependencies);

/// <summary>
/// Restores a package through a throw-away helper project (<c>dotnet restore</c>: the configured feed, or
/// the local cache when it already holds the package), then reads <c>project.assets.json</c> for the files.
/// </summary>
internal static class PackageSource
{
    public static RestoredPackage Restore(string id, string version, string workDirectory)
    {
        // Outside the repository on purpose: the repository's Directory.Build.props and central package
        // management must not apply to the helper project.
        string project = Path.Combine(workDirectory, "restore", $"{id}.{version}");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "Restore.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{id}" Version="{version}" />
              </ItemGroup>
            </Project>
            """);

        string assetsFile = Path.Combine(project, "obj", "project.assets.json");
        if (!File.Exists(assetsFile))
        {
            RunRestore(project);
        }

        return ReadAssets(id, version, assetsFile);
    }

    private static void RunRestore(string project)
    {
        var start = new ProcessStartInfo("dotnet", ["restore", project, "--verbosity", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start 'dotnet restore'");
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new CorpusInputException($"'dotnet restore {project}' failed (exit {process.ExitCode}):\n{output}");
        }
    }

    private static RestoredPackage ReadAssets(string id, string version, string assetsFile)
    {
        using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(assetsFile));
        JsonElement root = assets.RootElement;
        string packageFolder = root.GetProperty("packageFolders").EnumerateObject().First().Name;
        JsonElement libraries = root.GetProperty("libraries");
        JsonElement target = root.GetProperty("targets").EnumerateObject().First().Value;

        var implementation = new List<string>();
        var dependencies = new List<string>();
        foreach (JsonProperty library in target.EnumerateObject())
        {
            if (library.Value.GetProperty("type").GetString() != "package")
            {
                continue;
            }

            string folder = Path.Combine(packageFolder, libraries.GetProperty(library.Name).GetProperty("path").GetString()!);
            bool isTarget = library.Name.Equals($"{id}/{version}", StringComparison.OrdinalIgnoreCase);

            // The package itself: its runtime assemblies carry the method bodies (compile assets may be
            // reference assemblies without bodies). Dependencies: what a compiler would reference.
            string section = isTarget ? "runtime" : "compile";
            if (!library.Value.TryGetProperty(section, out JsonElement files))
            {
                continue;
            }

            foreach (JsonProperty file in files.EnumerateObject())
            {
                if (file.Name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                {
                    (isTarget ? implementation : dependencies).Add(Path.Combine(folder, file.Name));
                }
            }
        }

        if (implementation.Count == 0)
        {
            throw new CorpusInputException($"package {id} {version} restored, but has no runtime assembly for net10.0 in {assetsFile}");
        }

        return new RestoredPackage(id, version, implementation, dependencies);
    }
}

/// <summary>A corpus input the harness cannot use (bad path, failed restore); reported as a message, not a crash.</summary>
internal sealed class CorpusInputException(string message) : Exception(message);
