using System;
using System.IO;

namespace Pix.Analyzers.Tests;

/// <summary>Finds files of the repository the tests run from (the folder holding Pix.sln).</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => RootLazy.Value;

    /// <summary>A path under the repository root, from '/'-separated parts.</summary>
    public static string Combine(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pix.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Pix.sln above {AppContext.BaseDirectory}: the tests must run from inside the repository.");
    }
}
