using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Testing;

namespace Pix.Samples.Tests.Conciseness;

/// <summary>The NetworkFunctions sample's own sources (the driver's top-level program excluded), compiled as a library.</summary>
public static class SampleCompilation
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SampleDirectory => Path.Combine(RepositoryRoot, "samples", "NetworkFunctions");

    public static CSharpCompilation Create()
    {
        string[] files = Directory.EnumerateFiles(SampleDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsUnder(f, "obj") && !IsUnder(f, "bin") && Path.GetFileName(f) != "Program.cs")
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), TestCompilation.ParseOptions, path: f));
        CSharpCompilation compilation = TestCompilation.CreateNamed("NetworkFunctions").AddSyntaxTrees(trees);
        TestCompilation.AssertNoErrors(compilation);
        return compilation;
    }

    private static bool IsUnder(string file, string directory) =>
        Path.GetRelativePath(SampleDirectory, file).Split(Path.DirectorySeparatorChar).Contains(directory);

    private static string FindRepositoryRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Pix.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException($"No Pix.sln above {AppContext.BaseDirectory}.");
    }
}
