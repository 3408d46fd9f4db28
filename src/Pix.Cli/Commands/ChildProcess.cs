using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Reflection;

namespace Pix.Cli.Commands;

/// <summary>How one child process ended: its exit code (null when it did not exit by itself), what it wrote, and whether it ran out of time or could not start.</summary>
internal sealed record ChildRun(int? ExitCode, string Output, string Error, bool TimedOut, double Seconds, string? StartError = null);

/// <summary>
/// Runs a child process to its end or its timeout, collecting what it writes. It inherits this process's environment
/// (so <c>DOTNET_TieredCompilation</c> and the other deployment settings), and never throws for a child that cannot start
/// or misbehaves: that is a <see cref="ChildRun"/> the caller reports.
/// </summary>
internal static class ChildProcess
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/>; a child still running after <paramref name="timeout"/> is killed with its own children.</summary>
    public static ChildRun Run(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process was started");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return new ChildRun(null, string.Empty, string.Empty, TimedOut: false, clock.Elapsed.TotalSeconds, e.Message);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited between the wait and the kill.
                }

                process.WaitForExit();
                return new ChildRun(null, output.Result, error.Result, TimedOut: true, clock.Elapsed.TotalSeconds);
            }

            process.WaitForExit(); // the redirected streams' end
            return new ChildRun(process.ExitCode, output.Result, error.Result, TimedOut: false, clock.Elapsed.TotalSeconds);
        }
    }

    /// <summary>
    /// The command that starts this program again: its own executable (an apphost, the installed tool), or the
    /// <c>dotnet</c> host with this program's assembly when it was started as <c>dotnet pix.dll</c>.
    /// </summary>
    public static (string FileName, IReadOnlyList<string> Prefix) ThisProgram()
    {
        string host = Environment.ProcessPath ?? "dotnet";
        string entry = Assembly.GetEntryAssembly()?.Location ?? string.Empty;
        bool muxer = string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase);
        return muxer && entry.Length > 0 ? (host, new[] { entry }) : (host, Array.Empty<string>());
    }
}
