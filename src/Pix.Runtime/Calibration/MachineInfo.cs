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
        // A guest without sysfs cache folders still has its C library answer from CPUID.
        L2CacheBytes = L2CacheBytes(SysfsCaches) ?? CLibraryCacheSize.L2CacheBytes(),
    };

    private const string SysfsCaches = "/sys/devices/system/cpu/cpu0/cache";

    /// <summary>
    /// The size of cpu0's level-2 data or unified cache, from Linux's sysfs folders under <paramref name="directory"/>
    /// (<c>index*/level</c>, <c>type</c>, <c>size</c> as <c>512K</c> or <c>2M</c>); null where they are missing or
    /// unreadable (Windows, macOS, a container hiding them): the profile then prices loads served by L2 as hits, as before.
    /// </summary>
    internal static long? L2CacheBytes(string directory)
    {
        try
        {
            if (!Directory.Exists(directory))
            {
                return null;
            }

            foreach (string index in Directory.GetDirectories(directory, "index*"))
            {
                if (ReadField(index, "level") == "2" && ReadField(index, "type") is "Unified" or "Data" && ParseCacheSize(ReadField(index, "size")) is { } bytes)
                {
                    return bytes;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unknown, as on a machine without sysfs.
        }

        return null;
    }

    /// <summary>A sysfs cache size (<c>32K</c>, <c>512K</c>, <c>2M</c>, or plain bytes) in bytes; null when it is not one.</summary>
    internal static long? ParseCacheSize(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        int shift = char.ToUpperInvariant(text[text.Length - 1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, _ => 0 };
        string digits = shift == 0 ? text : text.Substring(0, text.Length - 1);
        return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long value)
            && value > 0 && value <= (long.MaxValue >> shift)
            ? value << shift
            : null;
    }

    private static string ReadField(string index, string name)
    {
        string path = Path.Combine(index, name);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : string.Empty;
    }

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
