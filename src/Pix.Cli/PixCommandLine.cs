using System;
using System.CommandLine;
using System.IO;
using Pix.Cli.Commands;

namespace Pix.Cli;

/// <summary>The <c>pix</c> command line: one registration list, one testable entry point.</summary>
internal static class PixCommandLine
{
    /// <summary>Every command of the tool, in the order <c>pix --help</c> lists them. Add new commands here.</summary>
    private static readonly Func<Command>[] Commands =
    {
        CalibrateCommand.Create,
        ShowCommand.Create,
        ValidateCommand.Create,
        DiffCommand.Create,
        BaselineCommand.Create,
        CalibrateKernelsCommand.Create,
    };

    /// <summary>Parses and runs <paramref name="args"/>, writing results to <paramref name="output"/> and problems to <paramref name="error"/>.</summary>
    /// <returns>0 on success; <see cref="ExitCodes.Failure"/> for bad arguments or unreadable input.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        RootCommand root = CreateRoot();
        ParseResult parse = root.Parse(args);
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    internal static RootCommand CreateRoot()
    {
        var root = new RootCommand("Pix: performance interfaces for .NET. Calibrate a machine, inspect profiles, validate predictions against measurements.");
        foreach (Func<Command> create in Commands)
        {
            root.Subcommands.Add(create());
        }

        return root;
    }
}

/// <summary>Process exit codes of <c>pix</c>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad arguments, unreadable or malformed input, or a write that failed (nothing was overwritten).</summary>
    public const int Failure = 1;
}
