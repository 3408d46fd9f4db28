using System;
using System.Collections.Generic;
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
        // From sysfs, or on a guest without sysfs cache folders from its C library, which answers from CPUID.
        L2CacheBytes = CacheGeometry.Current.L2?.Bytes,
    };

    /// <summary>
    /// The settings that change how fast the same C# runs: tiering, PGO, ReadyToRun code, the GC flavour, and a
    /// gen-0 budget when one is set (it decides which cache level the allocator's fresh memory is zeroed in, so
    /// what <c>AllocatedByte</c> costs: docs/calibration.md). Environment variables win over defaults, as in the
    /// runtime itself.
    /// </summary>
    internal static string JitSettings() => JitSettings(Environment.GetEnvironmentVariable);

    /// <summary><see cref="JitSettings()"/> reading the environment through <paramref name="environment"/>.</summary>
    internal static string JitSettings(Func<string, string?> environment)
    {
        string? Value(string name) => environment("DOTNET_" + name) ?? environment("COMPlus_" + name);

        string Setting(string name, string defaultValue) =>
            Value(name) is { } value ? $"{name}={value}" : $"{name}={defaultValue} (default)";

        var settings = new List<string>
        {
            Setting("TieredCompilation", "1"),
            Setting("TieredPGO", "1"),
            Setting("ReadyToRun", "1"),
            Setting("TC_QuickJitForLoops", "1"),
            "GC=" + (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Batch ? " non-concurrent" : " concurrent"),
        };

        // Only when set: the GC sizes gen 0 itself by default, and profiles recorded before this item compare equal.
        if (Value("GCgen0size") is { } gen0Size)
        {
            settings.Add("GCgen0size=" + gen0Size);
        }

        return string.Join(", ", settings);
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
