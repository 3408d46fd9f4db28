using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace Pix.Package.Tests;

/// <summary>What is inside the packed <c>Pix</c> package, and where.</summary>
[Trait("Category", "Package")]
[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests
{
    private readonly PackedPackage _package;

    public PackageLayoutTests(PackedPackage package) => _package = package;

    [Fact]
    public void Compiler_components_and_their_dependencies_sit_together_under_analyzers()
    {
        // The compiler loads nothing from lib/ for an analyzer: everything Pix.Generator and
        // Pix.Analyzers load must be beside them.
        Assert.Equal(
            new[]
            {
                "analyzers/dotnet/cs/Pix.Analyzers.dll",
                "analyzers/dotnet/cs/Pix.CodeFixes.dll",
                "analyzers/dotnet/cs/Pix.Extractor.dll",
                "analyzers/dotnet/cs/Pix.Generator.dll",
                "analyzers/dotnet/cs/Pix.Runtime.dll",
            },
            Entries().Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_runtime_ships_for_netstandard2_0_and_net8_0_with_its_docs()
    {
        Assert.Equal(
            new[]
            {
                "lib/net8.0/Pix.Runtime.dll",
                "lib/net8.0/Pix.Runtime.xml",
                "lib/netstandard2.0/Pix.Runtime.dll",
                "lib/netstandard2.0/Pix.Runtime.xml",
            },
            Entries().Where(e => e.StartsWith("lib/", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_analyzer_runtime_is_the_netstandard2_0_build()
    {
        // A net8.0 Pix.Runtime under analyzers/ would fail to load in compilers on .NET Framework.
        Assert.Equal(Bytes("lib/netstandard2.0/Pix.Runtime.dll"), Bytes("analyzers/dotnet/cs/Pix.Runtime.dll"));
    }

    [Fact]
    public void MSBuild_files_are_shipped_for_direct_and_transitive_consumers()
    {
        string[] entries = Entries();
        foreach (string file in new[] { "build/Pix.props", "build/Pix.targets", "buildTransitive/Pix.props", "buildTransitive/Pix.targets" })
        {
            Assert.Contains(file, entries);
        }

        string props = Text("build/Pix.props");
        foreach (string option in new[] { "PixResolution", "PixRegressionTolerance", "PixDumpSolverQueries", "PixAnnotateAll", "PixProfile" })
        {
            Assert.Contains($"<CompilerVisibleProperty Include=\"{option}\" />", props);
        }

        Assert.Contains("../build/Pix.props", Text("buildTransitive/Pix.props"));
        Assert.Contains("../build/Pix.targets", Text("buildTransitive/Pix.targets"));
    }

    [Fact]
    public void The_nuspec_names_the_package_its_license_and_readme_and_depends_on_no_Roslyn()
    {
        XDocument nuspec = XDocument.Parse(Text("Pix.nuspec"));
        XNamespace ns = nuspec.Root!.Name.Namespace;
        XElement metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal("Pix", metadata.Element(ns + "id")?.Value);
        Assert.Equal(_package.Version, metadata.Element(ns + "version")?.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")?.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.Contains("README.md", Entries());

        // The compiler provides Roslyn; a dependency on it would drag it into every consumer.
        Dictionary<string, string[]> dependencies = metadata.Element(ns + "dependencies")!
            .Elements(ns + "group")
            .ToDictionary(
                g => (string)g.Attribute("targetFramework")!,
                g => g.Elements(ns + "dependency").Select(d => (string)d.Attribute("id")!).ToArray());
        Assert.Equal(new[] { ".NETStandard2.0", "net8.0" }, dependencies.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(new[] { "System.Memory" }, dependencies[".NETStandard2.0"]);
        Assert.Empty(dependencies["net8.0"]);
    }

    [Fact]
    public void Packing_the_same_build_twice_gives_the_same_bytes()
    {
        string again = Directory.CreateTempSubdirectory("pix-feed-again-").FullName;
        try
        {
            DotNet.Run(
                    _package.RepoRoot,
                    new Dictionary<string, string>(),
                    TimeSpan.FromMinutes(5),
                    "pack", Path.Combine(_package.RepoRoot, "src", "Pix", "Pix.csproj"),
                    "--no-build", "-c", _package.Configuration, "-o", again, "-nologo")
                .EnsureSuccess("Packing src/Pix a second time");

            byte[] first = File.ReadAllBytes(_package.PackagePath);
            byte[] second = File.ReadAllBytes(Path.Combine(again, Path.GetFileName(_package.PackagePath)));
            Assert.True(first.AsSpan().SequenceEqual(second), "Two packs of the same build differ (timestamps or ordering in the .nupkg).");
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }

    private string[] Entries()
    {
        using ZipArchive zip = ZipFile.OpenRead(_package.PackagePath);
        return zip.Entries
            .Select(e => e.FullName)
            .Where(n => !n.StartsWith("_rels/", StringComparison.Ordinal)
                     && !n.StartsWith("package/", StringComparison.Ordinal)
                     && n != "[Content_Types].xml")
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
    }

    private byte[] Bytes(string entry)
    {
        using ZipArchive zip = ZipFile.OpenRead(_package.PackagePath);
        using Stream stream = zip.GetEntry(entry)?.Open() ?? throw new FileNotFoundException($"{entry} is not in the package.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private string Text(string entry) => System.Text.Encoding.UTF8.GetString(Bytes(entry)).TrimStart('\uFEFF');
}
