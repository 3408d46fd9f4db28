using System.IO;

namespace Pix.Cli.Commands;

/// <summary>The check every command makes on a file it will write, before it spends seconds building or measuring.</summary>
internal static class OutputFile
{
    /// <summary>
    /// Refuses <paramref name="path"/> when its directory does not exist or it is itself a directory: the atomic
    /// write would fail only at the end, and on a directory with File.Move's "The file … already exists".
    /// </summary>
    /// <exception cref="CommandLineException">The file cannot be written there.</exception>
    public static void RequireWritable(string path)
    {
        string fullPath = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(fullPath);
        if (directory is null || !Directory.Exists(directory))
        {
            throw new CommandLineException($"cannot write '{path}': directory '{directory}' does not exist.");
        }

        if (Directory.Exists(fullPath))
        {
            throw new CommandLineException($"cannot write '{path}': it is a directory; name a file in it.");
        }
    }
}
