using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Pix.Extraction;

namespace Pix.Cli.BaselineUpdate;

/// <summary>
/// Builds a project with <c>dotnet build -getItem:Compile -getItem:ReferencePath -getProperty:…</c> and
/// reads the JSON MSBuild prints: the exact source files, references and options the compiler got,
/// without loading MSBuild (and its version constraints) into pix.
/// </summary>
internal static class ProjectBuild
{
    /// <summary>How many lines of a failed build's output the error message repeats.</summary>
    private const int FailureTailLines = 20;

    private static readonly string[] Properties =
    {
        "MSBuildProjectFullPath", "MSBuildProjectDirectory", "LangVersion", "DefineConstants",
        "AllowUnsafeBlocks", "Nullable", "PixResolution", "PixBaselineFile", "PixBottomUpSummaries",
    };

    /// <summary>The project file <paramref name="path"/> names: the file itself, or the single project file in a directory.</summary>
    /// <exception cref="CommandLineException">No such file or directory, or a directory with no or several project files.</exception>
    public static string ResolveProjectFile(string path)
    {
        if (File.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        if (!Directory.Exists(path))
        {
            throw new CommandLineException($"project '{path}' not found");
        }

        string[] projects = Directory.GetFiles(path, "*.csproj");
        return projects.Length switch
        {
            1 => Path.GetFullPath(projects[0]),
            0 => throw new CommandLineException($"no *.csproj in '{path}'; name the project file"),
            _ => throw new CommandLineException($"several project files in '{path}' ({string.Join(", ", projects.Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal))}); name one"),
        };
    }

    /// <summary>Builds <paramref name="projectFile"/> in <paramref name="configuration"/> and returns the compiler's inputs.</summary>
    /// <exception cref="CommandLineException">The build failed (the message ends with the build's last lines) or printed no usable JSON.</exception>
    public static ProjectInputs Build(string projectFile, string configuration, IReadOnlyList<string> extraProperties)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("build");
        start.ArgumentList.Add(projectFile);
        start.ArgumentList.Add("-nologo");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(configuration);
        // With -getItem alone MSBuild only evaluates the project; naming the target makes it build, so
        // that ReferencePath (resolved by the build) is filled and a broken project fails here.
        start.ArgumentList.Add("-t:Build");
        start.ArgumentList.Add("-getItem:Compile");
        start.ArgumentList.Add("-getItem:ReferencePath");
        foreach (string property in Properties)
        {
            start.ArgumentList.Add("-getProperty:" + property);
        }

        foreach (string property in extraProperties)
        {
            start.ArgumentList.Add("-p:" + property);
        }

        // No MSBuild worker nodes left running after pix exits; messages in English, like the rest of pix.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";

        using Process process = Start(start);
        // Read stderr concurrently: a full pipe on either stream would block the build.
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string errors = stderr.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            throw new CommandLineException($"the build of '{projectFile}' failed (exit code {process.ExitCode}):{Environment.NewLine}{FailureText(stdout + errors)}");
        }

        return Parse(stdout, projectFile);
    }

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new CommandLineException("could not start 'dotnet'");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CommandLineException($"could not run 'dotnet' to build the project ({e.Message}); is the .NET SDK on PATH?");
        }
    }

    /// <summary>Reads the JSON of <c>-getItem</c>/<c>-getProperty</c>.</summary>
    internal static ProjectInputs Parse(string json, string projectFile)
    {
        JsonDocument document;
        try
        {
            // Anything MSBuild printed before the JSON (it should print nothing) is skipped.
            int brace = json.IndexOf('{', StringComparison.Ordinal);
            document = JsonDocument.Parse(brace < 0 ? json : json[brace..]);
        }
        catch (JsonException e)
        {
            throw new CommandLineException($"the build of '{projectFile}' did not print the item list pix asked for ({e.Message}); its output:{Environment.NewLine}{Tail(json)}");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            string Property(string name) =>
                root.TryGetProperty("Properties", out JsonElement props) && props.TryGetProperty(name, out JsonElement value) ? value.GetString() ?? string.Empty : string.Empty;

            string directory = Property("MSBuildProjectDirectory") is { Length: > 0 } d ? d : Path.GetDirectoryName(projectFile)!;

            // Identity is the item as written (often relative to the project); FullPath is resolved
            // against the current directory of the msbuild process, so it is not used.
            List<string> Items(string name) =>
                root.TryGetProperty("Items", out JsonElement items) && items.TryGetProperty(name, out JsonElement list)
                    ? list.EnumerateArray().Select(i => Path.GetFullPath(i.GetProperty("Identity").GetString()!, directory)).ToList()
                    : new List<string>();

            string resolution = Property("PixResolution");
            string baselineFile = Property("PixBaselineFile");
            return new ProjectInputs(
                projectFile,
                directory,
                Items("Compile").Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)).ToList(),
                Items("ReferencePath"),
                Property("LangVersion"),
                Property("DefineConstants").Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                string.Equals(Property("AllowUnsafeBlocks"), "true", StringComparison.OrdinalIgnoreCase),
                Property("Nullable") is "enable" or "annotations" or "warnings",
                ExtractionOptions.TryParseResolution(resolution, out double r) ? r : null,
                baselineFile.Length == 0 ? null : Path.GetFullPath(baselineFile, directory),
                Property("PixBottomUpSummaries") is { Length: > 0 } bottomUp ? bottomUp : null);
        }
    }

    /// <summary>
    /// What a failed build's message repeats: its error lines, each once (MSBuild prints them again in its summary),
    /// else its last lines. Not just the last lines: they begin with the JSON pix asked for, which hid the one line
    /// that said what was wrong (a missing package source, a compile error).
    /// </summary>
    internal static string FailureText(string output)
    {
        string[] errors = output.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Contains(": error ", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Take(FailureTailLines)
            .ToArray();
        return errors.Length == 0 ? Tail(output) : string.Join(Environment.NewLine, errors.Select(l => "  " + l));
    }

    private static string Tail(string output)
    {
        string[] lines = output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        var tail = new StringBuilder();
        foreach (string line in lines.Skip(Math.Max(0, lines.Length - FailureTailLines)))
        {
            tail.Append("  ").AppendLine(line);
        }

        return tail.ToString().TrimEnd();
    }
}
