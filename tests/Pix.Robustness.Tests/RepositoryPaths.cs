using System;
using System.IO;

namespace Pix.Robustness.Tests;

/// <summary>The repository the tests run from (the folder holding Pix.sln), for the samples they read.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Pix.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("Pix.sln not found above " + AppContext.BaseDirectory);
    }
}
