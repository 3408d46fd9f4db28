using System;
using System.CommandLine;
using System.IO;

namespace Pix.Cli;

/// <summary>A problem with the user's input that the command explains and stops on (no stack trace).</summary>
internal sealed class CommandLineException : Exception
{
    public CommandLineException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Runs a command body and turns expected failures (bad input files, I/O errors) into one clear line
/// on stderr and <see cref="ExitCodes.Failure"/>. Anything else is a bug in pix and propagates.
/// </summary>
internal static class CommandAction
{
    public static void Set(Command command, Func<ParseResult, TextWriter, TextWriter, int> body)
    {
        command.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            try
            {
                return body(parse, output, error);
            }
            catch (Exception e) when (e is CommandLineException or ProfileFormatException or IOException or UnauthorizedAccessException or BadImageFormatException)
            {
                error.WriteLine($"pix {NameAsTyped(parse)}: error: {e.Message}");
                return ExitCodes.Failure;
            }
        });
    }

    /// <summary>The command's words below the root (<c>baseline update</c>), so that the error line names a command pix has.</summary>
    private static string NameAsTyped(ParseResult parse)
    {
        var words = new System.Collections.Generic.List<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = parse.CommandResult; r is System.CommandLine.Parsing.CommandResult { Parent: not null } c; r = c.Parent)
        {
            words.Insert(0, c.Command.Name);
        }

        return string.Join(" ", words);
    }
}
