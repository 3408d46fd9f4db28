using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Cli.BaselineUpdate;
using Pix.Json;
using Pix.Serialization;
using Pix.Solver;

namespace Pix.Cli.Commands;

/// <summary>
/// <c>pix baseline update &lt;project&gt; [--output pix.baseline.json] [--configuration Debug] [--property Name=Value] [--force]</c>:
/// builds the project, extracts the interface of every <c>[PerformanceInterface]</c> method, writes the
/// baseline atomically and prints what changed against the previous file (with <c>pix diff</c>'s comparer).
/// </summary>
internal static class BaselineCommand
{
    /// <summary>Tolerance of the change summary; the same default as <c>pix diff</c> and the analyzer.</summary>
    private const double SummaryTolerance = 0.10;

    public static Command Create()
    {
        var project = new Argument<string>("project") { Description = "A .csproj file, or a directory with exactly one." };
        var output = new Option<string?>("--output", "-o") { Description = "The baseline to write (default: the project's PixBaselineFile, pix.baseline.json beside the project)." };
        var configuration = new Option<string>("--configuration", "-c") { Description = "Build configuration (default Debug).", DefaultValueFactory = _ => "Debug" };
        var properties = new Option<string[]>("--property", "-p") { Description = "An MSBuild property for the build, Name=Value (repeatable).", AllowMultipleArgumentsPerToken = false };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing baseline even if it cannot be read." };
        var update = new Command("update", "Build the project and write the interface of every [PerformanceInterface] method to its baseline; print what changed.")
        {
            project, output, configuration, properties, force,
        };
        CommandAction.Set(update, (parse, stdout, stderr) => Update(
            parse.GetValue(project)!, parse.GetValue(output), parse.GetValue(configuration)!, parse.GetValue(properties) ?? Array.Empty<string>(), parse.GetValue(force), stdout, stderr));

        return new Command("baseline", "Manage pix.baseline.json, the committed interfaces the regression analyzer compares against.") { update };
    }

    private static int Update(string projectPath, string? outputPath, string configuration, string[] properties, bool force, TextWriter stdout, TextWriter stderr)
    {
        string projectFile = ProjectBuild.ResolveProjectFile(projectPath);
        if (properties.FirstOrDefault(p => p.IndexOf('=', StringComparison.Ordinal) <= 0) is { } bad)
        {
            throw new CommandLineException($"--property takes Name=Value; got '{bad}'");
        }

        if (outputPath is not null)
        {
            // Refuse a bad output before spending a build on it.
            OutputFile.RequireWritable(outputPath);
        }

        stderr.WriteLine($"Building {projectFile} ({configuration})…");
        ProjectInputs inputs = ProjectBuild.Build(projectFile, configuration, properties);
        string target = Path.GetFullPath(outputPath ?? inputs.BaselineFile ?? Path.Combine(inputs.ProjectDirectory, Baseline.FileName));
        OutputFile.RequireWritable(target);
        Baseline? previous = ReadPrevious(target, force, stderr);

        Compilation compilation = BaselineBuilder.Compile(inputs, CancellationToken.None);
        Baseline ours = BaselineBuilder.Build(inputs, compilation, CancellationToken.None);
        IReadOnlyList<BaselineEntry> kept = KeptEntries(previous, compilation, target, stderr);
        Baseline current = Baseline.Create(ours.Entries.Concat(kept));
        string text = BaselineWriter.Write(current);
        bool same = File.Exists(target) && File.ReadAllText(target) == text;
        if (!same)
        {
            AtomicFile.WriteAllText(target, text);
        }

        // Summarise the file as written, read back as `pix diff` and the analyzer will read it: a freshly
        // extracted model is not always Equals to its own round trip (the file is the reference).
        WriteSummary(previous, BaselineReader.Read(text, target).Baseline, target, same, stdout);
        if (kept.Count > 0)
        {
            stdout.WriteLine($"  kept {kept.Count} method(s) of types this project does not declare (another project sharing the file, or a type since deleted: remove those by hand).");
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The previous file's entries of other projects (<see cref="SharedBaseline"/>), kept as they are; none when
    /// they were counted under another cost model, which one file cannot mix: each project then writes its own again.
    /// </summary>
    private static IReadOnlyList<BaselineEntry> KeptEntries(Baseline? previous, Compilation compilation, string target, TextWriter stderr)
    {
        IReadOnlyList<BaselineEntry> others = SharedBaseline.OtherProjectsEntries(previous, compilation);
        if (others.Count == 0 || previous!.CostModel == Baseline.CurrentCostModel)
        {
            return others;
        }

        stderr.WriteLine($"pix baseline update: warning: '{target}' holds {others.Count} method(s) of types this project does not declare, counted under cost model {previous.CostModel}; they are dropped (a file has one cost model, this build writes {Baseline.CurrentCostModel}): run 'pix baseline update' on the projects they belong to.");
        return Array.Empty<BaselineEntry>();
    }

    /// <summary>The existing baseline at <paramref name="path"/>; null when there is none (or it is unreadable and <paramref name="force"/> is set).</summary>
    private static Baseline? ReadPrevious(string path, bool force, TextWriter stderr)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        BaselineReadResult read = BaselineReader.Read(BaselineFileText.Read(path), path);
        if (read.Errors.Count == 0)
        {
            return read.Baseline;
        }

        string problems = string.Join(Environment.NewLine, read.Errors.Select(e => "  " + e.Message));
        if (!force)
        {
            throw new CommandLineException($"the existing baseline '{path}' cannot be read; it was left as it is (fix it, or pass --force to replace it):{Environment.NewLine}{problems}");
        }

        stderr.WriteLine($"pix baseline update: warning: replacing the unreadable baseline '{path}' (--force):{Environment.NewLine}{problems}");
        return null;
    }

    private static void WriteSummary(Baseline? previous, Baseline current, string target, bool same, TextWriter stdout)
    {
        if (previous is null)
        {
            stdout.WriteLine($"Wrote {target}: {current.Entries.Count} method(s).");
            foreach (BaselineEntry entry in current.Entries)
            {
                stdout.WriteLine($"  added      {entry.MethodId}");
            }

            return;
        }

        SolverEngine engine = SolverEngine.CreateDefault(SolverOptions.Default);
        List<DiffCommand.Row> rows = DiffCommand.Compare(previous, current, SummaryTolerance, engine);
        List<DiffCommand.Row> changed = rows.Where(r => r.Status != DiffStatus.Unchanged).ToList();
        stdout.WriteLine(same
            ? $"{target} is up to date: {current.Entries.Count} method(s), no change."
            : $"Wrote {target}: {current.Entries.Count} method(s), {changed.Count} changed against the previous file (tolerance {SummaryTolerance * 100:0}%, solver: {engine.Name}).");
        foreach (DiffCommand.Row row in changed)
        {
            string detail = string.Join("; ", new[] { row.Comparison?.Slower?.ToString(), row.Comparison?.Faster?.ToString(), row.Comparison?.DescribeGrowth() }
                .Where(s => !string.IsNullOrEmpty(s)));
            stdout.WriteLine($"  {row.Status,-16} {row.MethodId}{(detail.Length > 0 ? "  " + detail : string.Empty)}");
        }

        if (!same && changed.Count == 0)
        {
            // The interfaces compare equal, but provenance (lines, spans, hashes) moved.
            stdout.WriteLine("  (only source positions changed)");
        }
    }
}
