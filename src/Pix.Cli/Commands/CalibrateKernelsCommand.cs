using System;
using System.CommandLine;
using Pix.Calibration;

namespace Pix.Cli.Commands;

/// <summary>
/// <c>pix calibrate-kernels</c>, hidden: what one child process of <c>pix calibrate</c> runs (<see cref="PlacementProcesses"/>).
/// It times the placement-sensitive kernels in this process (<see cref="PlacementKernelTimer"/>) and writes them as one
/// line of JSON (<see cref="ProcessSampleJson"/>) on standard output. Not for users: its output is a protocol.
/// </summary>
internal static class CalibrateKernelsCommand
{
    public const string Name = "calibrate-kernels";

    public static Command Create()
    {
        var command = new Command(Name, "Internal: time the placement-sensitive calibration kernels in this process (a child of pix calibrate).")
        {
            Hidden = true,
        };
        CommandAction.Set(command, (_, stdout, stderr) =>
        {
            if (!Calibrator.KernelsAreOptimized)
            {
                throw new CommandLineException("this pix was built in Debug, so the calibration kernels would run unoptimised; build or run it with -c Release.");
            }

            double startup = (DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalSeconds;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            ProcessSample sample = PlacementKernelTimer.Run(PlacementKernelTimer.DefaultWarmup, PlacementKernelTimer.DefaultTimings);
            stdout.WriteLine(ProcessSampleJson.Write(sample));

            // For a reader of a child's run (the parent reads only standard output): how long the kernels took after start-up.
            stderr.WriteLine($"timed in {clock.Elapsed.TotalSeconds:0.00} s, {startup:0.00} s after the process started");
            return ExitCodes.Success;
        });
        return command;
    }
}
