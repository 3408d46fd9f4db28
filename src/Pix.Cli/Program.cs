using System;

namespace Pix.Cli;

internal static class Program
{
    private static int Main(string[] args) => PixCommandLine.Run(args, Console.Out, Console.Error);
}
