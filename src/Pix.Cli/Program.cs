using System;

namespace Pix.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("pix: no commands yet (calibrate, validate, baseline, diff, show are being built).");
        return args.Length == 0 ? 1 : 2;
    }
}
