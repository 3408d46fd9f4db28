using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Pix.Cli.Output;

namespace Pix.Cli.Commands;

/// <summary><c>pix show &lt;profile.pixhw.json&gt;</c>: print a hardware profile as a table.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("profile") { Description = "A *.pixhw.json hardware profile (or 'reference' for the shipped one)." };
        var command = new Command("show", "Print a hardware profile: machine, and latency and throughput per operation class.") { path };
        CommandAction.Set(command, (parse, stdout, _) =>
        {
            string file = parse.GetValue(path)!;
            HardwareProfile profile = file == "reference" && !File.Exists(file) ? HardwareProfile.Reference : HardwareProfile.Load(file);
            Write(profile, stdout);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static void Write(HardwareProfile profile, TextWriter stdout)
    {
        stdout.WriteLine($"Profile  {profile.Name}");
        stdout.WriteLine($"CPU      {profile.Machine.Cpu} ({profile.Machine.Cores} cores)");
        stdout.WriteLine($"OS       {profile.Machine.OperatingSystem}");
        stdout.WriteLine($"Runtime  {profile.Machine.Runtime}");
        stdout.WriteLine($"JIT      {profile.Machine.JitSettings}");
        stdout.WriteLine();

        var table = new TextTable("class", "latency ns", "throughput ns").AlignRight(1, 2);
        foreach (OperationClass c in HardwareProfile.AllClasses)
        {
            table.Add(c.ToString(), Format.Ns(profile.LatencyNs(c)), Format.Ns(profile.ThroughputNs(c)));
        }

        table.Write(stdout);
        stdout.WriteLine();
        stdout.WriteLine(IssueWidthLine(profile));
        stdout.WriteLine();
        if (profile.MemoryLoads.Count > 0)
        {
            stdout.WriteLine("Dependent load by working set (hw.LoadNs interpolates in log2 of the size):");
            var levels = new TextTable("working set", "latency ns").AlignRight(0, 1);
            foreach (MemoryLoadLatency point in profile.MemoryLoads)
            {
                levels.Add(MemoryLoadLatency.Describe(point.WorkingSetBytes), Format.Ns(point.LatencyNs));
            }

            levels.Write(stdout);
            stdout.WriteLine();
        }

        stdout.WriteLine($"Opaque calls: {Format.Ns(profile.DefaultOpaqueCallNs)} ns by default");
        foreach (KeyValuePair<string, double> call in profile.OpaqueCallCosts.OrderBy(p => p.Key, System.StringComparer.Ordinal))
        {
            stdout.WriteLine($"  {call.Key}: {Format.Ns(call.Value)} ns");
        }
    }

    /// <summary>
    /// The issue width a loop of mixed instructions is priced with, and the slot it gives; a profile that
    /// does not record one (calibrated before the issue-width kernels, or the reference) says it is the default.
    /// </summary>
    internal static string IssueWidthLine(HardwareProfile profile)
    {
        string width = profile.IssueWidth == HardwareProfile.DefaultIssueWidth
            ? $"{Format.Number(profile.IssueWidth, "0.##")} (the default: this profile does not record one)"
            : Format.Number(profile.IssueWidth, "0.##");
        return $"Issue width: {width} fused micro-operations per cycle; one issue slot {Format.Ns(profile.IssueSlotNs)} ns (IntegerAlu latency / width).";
    }
}
