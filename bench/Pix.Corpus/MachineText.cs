using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Pix.Corpus;

/// <summary>One line describing where a measurement ran.</summary>
internal static class MachineText
{
    public static string Describe()
    {
        string cpu = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }

        string load = File.Exists("/proc/loadavg") ? $", load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}" : "";
        // The Roslyn the extractor runs on decides what it can skip (nullable analysis from 4.9 on).
        string roslyn = typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
        return $"{cpu}, {Environment.ProcessorCount} logical cores{load}; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}; Roslyn {roslyn}; {CodeImages.Describe()}";
    }
}
