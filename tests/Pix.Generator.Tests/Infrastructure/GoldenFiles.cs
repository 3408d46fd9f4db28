using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Pix.Generator;

namespace Pix.Generator.Tests.Infrastructure;

/// <summary>
/// Golden-file ("snapshot") comparison without Verify: the expected output of a test lives in
/// <c>Baselines/{Test}/{HintName}.cs.txt</c>. See this project's README for the accept workflow.
/// </summary>
internal static class GoldenFiles
{
    /// <summary>Set to 1 to rewrite the baselines from the current output and delete stale ones.</summary>
    public const string UpdateVariable = "PIX_UPDATE_BASELINES";

    private const string Extension = ".cs.txt";
    private const string ReceivedExtension = ".received.cs.txt";
    private const string VersionPlaceholder = "%VERSION%";

    private static string BaselineRoot([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile)!)!, "Baselines");

    /// <summary>
    /// Compares <paramref name="files"/> (hint name → text) with the baselines of <paramref name="test"/>:
    /// same set of hint names, same text after normalising line endings and the generator version.
    /// </summary>
    public static void Verify(string test, IReadOnlyDictionary<string, string> files)
    {
        string directory = Path.Combine(BaselineRoot(), test);
        Directory.CreateDirectory(directory);
        bool update = Environment.GetEnvironmentVariable(UpdateVariable) == "1";

        var expectedNames = Directory.GetFiles(directory, "*" + Extension)
            .Where(f => !f.EndsWith(ReceivedExtension, StringComparison.Ordinal))
            .Select(f => Path.GetFileName(f)[..^Extension.Length])
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        var actualNames = files.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();

        foreach (string stale in Directory.GetFiles(directory, "*" + ReceivedExtension))
        {
            File.Delete(stale);
        }

        if (update)
        {
            foreach (string name in expectedNames.Except(actualNames))
            {
                File.Delete(Path.Combine(directory, name + Extension));
            }

            foreach (KeyValuePair<string, string> file in files)
            {
                File.WriteAllText(Path.Combine(directory, file.Key + Extension), Normalize(file.Value), new UTF8Encoding(false));
            }

            return;
        }

        var failures = new StringBuilder();
        if (!expectedNames.SequenceEqual(actualNames))
        {
            failures.AppendLine($"Baselines/{test}: generated files [{string.Join(", ", actualNames)}] but the baselines are [{string.Join(", ", expectedNames)}].");
        }

        foreach (KeyValuePair<string, string> file in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            string path = Path.Combine(directory, file.Key + Extension);
            string actual = Normalize(file.Value);
            string? expected = File.Exists(path) ? Normalize(File.ReadAllText(path)) : null;
            if (expected == actual)
            {
                continue;
            }

            File.WriteAllText(Path.Combine(directory, file.Key + ReceivedExtension), actual, new UTF8Encoding(false));
            failures.AppendLine(expected is null
                ? $"Baselines/{test}/{file.Key}{Extension} does not exist; wrote {file.Key}{ReceivedExtension}."
                : FirstDifference($"Baselines/{test}/{file.Key}{Extension}", expected, actual));
        }

        if (failures.Length > 0)
        {
            failures.AppendLine($"If the new output is right, accept it: {UpdateVariable}=1 dotnet test tests/Pix.Generator.Tests (see README.md).");
            throw new Xunit.Sdk.XunitException(failures.ToString());
        }
    }

    /// <summary>Line endings to \n, and the generator version to a placeholder, so baselines survive both.</summary>
    public static string Normalize(string text) =>
        text.Replace("\r\n", "\n").Replace(
            $"\"Pix.Generator\", \"{PerformanceInterfaceGenerator.GeneratorVersion}\"",
            $"\"Pix.Generator\", \"{VersionPlaceholder}\"");

    private static string FirstDifference(string name, string expected, string actual)
    {
        string[] e = expected.Split('\n');
        string[] a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string? left = i < e.Length ? e[i] : null;
            string? right = i < a.Length ? a[i] : null;
            if (left != right)
            {
                return $"{name} differs at line {i + 1}:\n  expected: {left ?? "<end of file>"}\n  actual:   {right ?? "<end of file>"}";
            }
        }

        return $"{name} differs (no line differs: check trailing characters).";
    }
}
