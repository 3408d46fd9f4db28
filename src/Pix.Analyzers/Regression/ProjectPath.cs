using System.Collections.Generic;

namespace Pix.Analyzers.Regression;

/// <summary>
/// Paths of the baseline as MSBuild and the compiler spell them, compared by string rules alone (an analyzer may not
/// touch the file system: RS1035). Pix.targets makes <c>PixBaselineFile</c> full, but not when it is a global property
/// (<c>dotnet build -p:PixBaselineFile=perf/custom.json</c>), which no project file can reassign: the compiler then
/// gets the path as written, and the AdditionalFile it names as the project directory joined with it, ".." and all.
/// </summary>
internal static class ProjectPath
{
    /// <summary>
    /// <paramref name="path"/> made full against <paramref name="projectDirectory"/> when it is relative (as it is when
    /// there is no directory), in <see cref="Normalize"/>d form.
    /// </summary>
    public static string Resolve(string path, string? projectDirectory) =>
        IsRooted(path.Trim().Replace('\\', '/')) || string.IsNullOrWhiteSpace(projectDirectory)
            ? Normalize(path)
            : Normalize(projectDirectory!.Trim().TrimEnd('/', '\\') + "/" + path.Trim());

    /// <summary>
    /// Trimmed, with '/' separators, and without empty, "." and ".." segments (a ".." above the root stays at the
    /// root), so that two spellings of one file compare equal.
    /// </summary>
    public static string Normalize(string path)
    {
        string[] parts = path.Trim().Replace('\\', '/').Split('/');
        bool rooted = parts.Length > 1 && (parts[0].Length == 0 || parts[0].EndsWith(":", System.StringComparison.Ordinal));
        var segments = new List<string>();
        for (int i = rooted ? 1 : 0; i < parts.Length; i++)
        {
            string segment = parts[i];
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
            }
            else if (segment != ".." || !rooted)
            {
                segments.Add(segment);
            }
        }

        return (rooted ? parts[0] + "/" : string.Empty) + string.Join("/", segments);
    }

    private static bool IsRooted(string path) =>
        path.StartsWith("/", System.StringComparison.Ordinal) || (path.Length >= 2 && path[1] == ':');
}
