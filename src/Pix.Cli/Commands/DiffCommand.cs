using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using Pix.Cli.Output;
using Pix.Json;
using Pix.Model;
using Pix.Serialization;
using Pix.Solver;

namespace Pix.Cli.Commands;

/// <summary>
/// <c>pix diff old.json new.json [--tolerance 10%] [--format json]</c>: compares two baseline files
/// method by method with the same comparer as the regression analyzer (Z3 witnesses, complexity
/// classes) and exits with <see cref="RegressionExitCode"/> when any method regressed, for CI.
/// </summary>
internal static class DiffCommand
{
    /// <summary>Exit code when at least one method regressed (slower beyond the tolerance, or its complexity grew).</summary>
    public const int RegressionExitCode = 2;

    public static Command Create()
    {
        var oldPath = new Argument<string>("old") { Description = "The baseline to compare against (e.g. main's pix.baseline.json)." };
        var newPath = new Argument<string>("new") { Description = "The new baseline (e.g. the pull request's)." };
        var tolerance = new Option<string>("--tolerance") { Description = "Relative tolerance, 0.1 or 10% (default 10%).", DefaultValueFactory = _ => "10%" };
        var format = new Option<string>("--format") { Description = "table (default) or json.", DefaultValueFactory = _ => "table" };
        var command = new Command("diff", "Compare two pix.baseline.json files: per-method latency changes with witnesses, complexity changes. Exit code 2 on regressions.")
        {
            oldPath, newPath, tolerance, format,
        };
        CommandAction.Set(command, (parse, stdout, _) =>
        {
            double tol = ParseTolerance(parse.GetValue(tolerance)!);
            string fmt = parse.GetValue(format)!;
            if (fmt != "table" && fmt != "json")
            {
                throw new CommandLineException($"unknown format '{fmt}'; use table or json");
            }

            Baseline before = Load(parse.GetValue(oldPath)!);
            Baseline after = Load(parse.GetValue(newPath)!);
            SolverEngine engine = SolverEngine.CreateDefault(SolverOptions.Default);
            List<Row> rows = Compare(before, after, tol, engine);
            if (fmt == "json")
            {
                stdout.Write(Json(rows, engine, tol));
            }
            else
            {
                WriteTable(rows, engine, tol, stdout);
            }

            return rows.Any(r => r.Comparison?.IsRegression == true) ? RegressionExitCode : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One method's line of the diff.</summary>
    /// <param name="MethodId">The method's documentation ID.</param>
    /// <param name="Status">One of <see cref="DiffStatus"/>'s.</param>
    /// <param name="Comparison">The comparer's answer; null when the method was not compared.</param>
    /// <param name="Note">Why the method was not compared (<see cref="ResolutionsDiffer"/>); null when it was, or was added or removed.</param>
    internal sealed record Row(string MethodId, string Status, InterfaceComparison? Comparison, string? Note = null);

    internal static List<Row> Compare(Baseline before, Baseline after, double tolerance, SolverEngine engine)
    {
        var rows = new List<Row>();
        var ids = before.Entries.Select(e => e.MethodId).Union(after.Entries.Select(e => e.MethodId), StringComparer.Ordinal)
            .OrderBy(id => id, StringComparer.Ordinal);
        foreach (string id in ids)
        {
            BaselineEntry? old = before.Find(id);
            BaselineEntry? now = after.Find(id);
            if (old is null || now is null)
            {
                rows.Add(new Row(id, old is null ? DiffStatus.Added : DiffStatus.Removed, null));
                continue;
            }

            if (ResolutionsDiffer(old.Interface, now.Interface) is { } why)
            {
                rows.Add(new Row(id, DiffStatus.NotCompared, null, why));
                continue;
            }

            InterfaceComparison c = InterfaceComparer.Compare(old.Interface, now.Interface, tolerance, HardwareProfile.Reference, engine, SolverOptions.Default, CancellationToken.None);
            string status = c.IsRegression ? DiffStatus.Regressed
                : Undecided(c, engine) is not null ? DiffStatus.Undecided
                : c.Faster is not null ? DiffStatus.Faster
                : old.Interface.Equals(now.Interface) ? DiffStatus.Unchanged : DiffStatus.WithinTolerance;
            rows.Add(new Row(id, status, c));
        }

        return rows;
    }

    /// <summary>
    /// Why two entries of one method cannot be compared: written at different resolutions, one interface has a
    /// merged piece (the dearest path's terms) where the other keeps the paths apart, and unchanged code would read
    /// as slower or faster by the whole difference. The regression analyzer re-extracts at the baseline's resolution
    /// (BaselineCheck); two files cannot be re-extracted, so the method is named, not compared. Null when they agree.
    /// </summary>
    internal static string? ResolutionsDiffer(InterfaceModel old, InterfaceModel now) =>
        old.Resolution == now.Resolution ? null
            : $"written at resolution {Format.Number(old.Resolution, "0.###")} and {Format.Number(now.Resolution, "0.###")}: write both baselines at one PixResolution";

    /// <summary>
    /// Why "can it be slower?" stayed open, when Z3 could not settle it (its timeout ran out): the method is then neither
    /// regressed nor within tolerance. Null when settled, or when the fallback alone answered (it leaves most questions
    /// open; the header names the solver).
    /// </summary>
    internal static string? Undecided(InterfaceComparison c, SolverEngine engine) =>
        c.Slower is null && engine.IsComplete ? c.SlowerOpen : null;

    private static void WriteTable(List<Row> rows, SolverEngine engine, double tolerance, TextWriter stdout)
    {
        stdout.WriteLine($"Tolerance {RelativeTolerance.Format(tolerance)}, reference profile, solver: {engine.Name}");
        var table = new TextTable("method", "status", "witness", "complexity");
        foreach (Row row in rows)
        {
            InterfaceComparison? c = row.Comparison;
            string witness = row.Note ?? c?.Slower?.ToString()
                ?? (c is not null && Undecided(c, engine) is { } why ? "could not settle: " + why : null)
                ?? c?.Faster?.ToString() ?? string.Empty;
            table.Add(row.MethodId, row.Status, witness, c?.DescribeGrowth() ?? string.Empty);
        }

        table.Write(stdout);
        int regressed = rows.Count(r => r.Comparison?.IsRegression == true);
        int undecided = rows.Count(r => r.Status == DiffStatus.Undecided);
        int notCompared = rows.Count(r => r.Status == DiffStatus.NotCompared);
        stdout.WriteLine((regressed == 0 ? "No regressions." : $"{regressed} method(s) regressed.")
            + (undecided == 0 ? string.Empty : $" {undecided} method(s) undecided: the solver could not settle whether they can be slower.")
            + (notCompared == 0 ? string.Empty : $" {notCompared} method(s) not compared: their entries were written at different resolutions."));
    }

    private static string Json(List<Row> rows, SolverEngine engine, double tolerance)
    {
        var writer = new JsonWriter().WriteStartObject()
            .WriteString("solver", engine.Name)
            .WriteNumber("tolerance", tolerance)
            .WriteBoolean("regressed", rows.Any(r => r.Comparison?.IsRegression == true));
        writer.WritePropertyName("methods").WriteStartArray();
        foreach (Row row in rows)
        {
            writer.WriteStartObject().WriteString("method", row.MethodId).WriteString("status", row.Status);
            if (row.Note is not null)
            {
                writer.WriteString("note", row.Note);
            }

            if (row.Comparison is { } c)
            {
                WriteDifference(writer, "slower", c.Slower);
                WriteDifference(writer, "faster", c.Faster);
                writer.WritePropertyName("undecided");
                if (Undecided(c, engine) is { } why)
                {
                    writer.WriteStringValue(why);
                }
                else
                {
                    writer.WriteNullValue();
                }

                writer.WritePropertyName("complexity").WriteStartArray();
                foreach ((string q, ComplexityClass b, ComplexityClass a) in c.Growth)
                {
                    writer.WriteStartObject().WriteString("quantity", q).WriteString("before", b.ToString()).WriteString("after", a.ToString()).WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return writer.WriteEndArray().WriteEndObject().ToString();
    }

    private static void WriteDifference(JsonWriter writer, string name, Difference? d)
    {
        writer.WritePropertyName(name);
        if (d is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject().WritePropertyName("witness").WriteStartObject();
        foreach (KeyValuePair<string, double> p in d.Witness.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(p.Key, p.Value);
        }

        writer.WriteEndObject()
            .WriteNumber("baselineNs", d.Baseline.Nanoseconds)
            .WriteNumber("currentNs", d.Current.Nanoseconds)
            .WriteString("engine", d.Engine)
            .WriteEndObject();
    }

    private static Baseline Load(string path)
    {
        BaselineReadResult read = BaselineReader.Read(BaselineFileText.Read(path), path);
        if (read.Errors.Count > 0)
        {
            throw new CommandLineException(string.Join(Environment.NewLine, read.Errors.Select(e => e.Message)));
        }

        return read.Baseline;
    }

    private static double ParseTolerance(string text) =>
        RelativeTolerance.Parse(text) ?? throw new CommandLineException($"tolerance '{text}' is not a finite non-negative number (0.1 or 10%)");
}
