using System;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Pix.Calibration;

/// <summary>Describes the machine and runtime a calibration runs on.</summary>
internal static class MachineInfo
{
    public static MachineDescription Describe() => new()
    {
        Cpu = CpuName(),
        Cores = Environment.ProcessorCount,
        OperatingSystem = RuntimeInformation.OSDescription.Trim(),
        Runtime = $"{RuntimeInformation.FrameworkDescription.Trim()} ({RuntimeInformation.ProcessArchitecture})",
        JitSettings = JitSettings(),
    };

    /// <summary>
    /// The settings that change how fast the same C# runs: tiering, PGO, ReadyToRun code, and the GC
    /// flavour. Environment variables win over defaults, as in the runtime itself.
    /// </summary>
    internal static string JitSettings()
    {
        string Setting(string name, string defaultValue)
        {
            string? value = Environment.GetEnvironmentVariable("DOTNET_" + name) ?? Environment.GetEnvironmentVariable("COMPlus_" + name);
            return value is null ? $"{name}={defaultValue} (default)" : $"{name}={value}";
        }

        return string.Join(", ", new[]
        {
            Setting("TieredCompilation", "1"),
            Setting("TieredPGO", "1"),
            Setting("ReadyToRun", "1"),
            Setting("TC_QuickJitForLoops", "1"),
            "GC=" + (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Batch ? " non-concurrent" : " concurrent"),
        });
    }

    private static string CpuName()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                int colon = line?.IndexOf(':') ?? -1;
                if (colon >= 0)
                {
                    return line!.Substring(colon + 1).Trim();
                }
            }
        }
        catch (IOException)
        {
            // Fall through to the environment: /proc may be unreadable in a sandbox.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Environment.GetEnvironmentVariable("PROCESSOR_IDENTIFIER")
            ?? $"unknown {RuntimeInformation.ProcessArchitecture} processor";
    }
}
