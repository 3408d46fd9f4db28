using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace Pix.Package.Tests;

/// <summary>Runs the <c>dotnet</c> CLI in a child process, as a user at a terminal would.</summary>
internal static class DotNet
{
    /// <summary>
    /// Variables a test host inherits from the build that started it. A child <c>dotnet build</c>
    /// that sees them uses the parent's MSBuild and SDK paths instead of resolving its own.
    /// </summary>
    private static readonly string[] InheritedBuildVariablePrefixes = { "MSBuild", "MSBUILD", "VSTEST_", "DOTNET_HOST_PATH" };

    /// <summary>The <c>dotnet</c> executable running these tests (so the same SDK), else the one on PATH.</summary>
    private static string Executable =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>
    /// Runs <c>dotnet <paramref name="arguments"/></c> in <paramref name="workingDirectory"/> and
    /// returns its exit code and combined output. Never leaves a build server behind.
    /// </summary>
    public static Result Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string name in new List<string>(start.Environment.Keys))
        {
            foreach (string prefix in InheritedBuildVariablePrefixes)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    start.Environment.Remove(name);
                }
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        foreach (KeyValuePair<string, string> pair in environment)
        {
            start.Environment[pair.Key] = pair.Value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)timeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new Result(-1, $"`dotnet {string.Join(" ", arguments)}` did not finish within {timeout.TotalSeconds:0} s and was stopped.\n{output}");
        }

        process.WaitForExit(); // drains the asynchronous output readers
        return new Result(process.ExitCode, output.ToString());
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>A finished command.</summary>
    /// <param name="ExitCode">The process exit code (-1 when it was stopped at the timeout).</param>
    /// <param name="Output">Standard output and standard error, interleaved as they arrived.</param>
    public sealed record Result(int ExitCode, string Output)
    {
        /// <summary>Fails the test with the whole output unless the command succeeded.</summary>
        public Result EnsureSuccess(string what)
        {
            Assert.True(ExitCode == 0, $"{what} failed (exit code {ExitCode}):\n{Output}");
            return this;
        }
    }
}
