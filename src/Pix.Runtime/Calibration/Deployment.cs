using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix;

/// <summary>
/// The deployment a process runs in — machine, runtime, JIT and GC settings — and how it differs from
/// the one a profile was calibrated in. A calibrated profile is only that deployment's: the same code
/// runs at another speed under <c>DOTNET_TieredCompilation=0</c> or server GC, so tools that predict
/// with a profile say which deployment it is and warn when the current one differs.
/// </summary>
public static class Deployment
{
    /// <summary>This process's deployment, described as a calibration would record it.</summary>
    public static MachineDescription Current() => Calibration.MachineInfo.Describe();

    /// <summary>
    /// Where <paramref name="current"/> differs from <paramref name="calibrated"/>, one line per
    /// difference (<c>JIT/GC: TieredCompilation=0 when calibrated, TieredCompilation=1 (default) now</c>); empty when none.
    /// </summary>
    public static IReadOnlyList<string> Differences(MachineDescription calibrated, MachineDescription current)
    {
        if (calibrated is null)
        {
            throw new ArgumentNullException(nameof(calibrated));
        }

        if (current is null)
        {
            throw new ArgumentNullException(nameof(current));
        }

        var differences = new List<string>();
        if (!string.Equals(calibrated.Cpu, current.Cpu, StringComparison.Ordinal) || calibrated.Cores != current.Cores)
        {
            differences.Add($"CPU: {calibrated.Cpu} ({calibrated.Cores} cores) when calibrated, {current.Cpu} ({current.Cores} cores) now");
        }

        if (!string.Equals(calibrated.Runtime, current.Runtime, StringComparison.Ordinal))
        {
            differences.Add($"runtime: {calibrated.Runtime} when calibrated, {current.Runtime} now");
        }

        // Settings are "Name=value" items; compare them as sets so their order does not matter.
        string[] then = Settings(calibrated.JitSettings);
        string[] now = Settings(current.JitSettings);
        string[] onlyThen = then.Except(now, StringComparer.Ordinal).ToArray();
        string[] onlyNow = now.Except(then, StringComparer.Ordinal).ToArray();
        if (onlyThen.Length > 0 || onlyNow.Length > 0)
        {
            differences.Add($"JIT/GC: {Join(onlyThen)} when calibrated, {Join(onlyNow)} now");
        }

        return differences;
    }

    // "TieredCompilation=1 (default)" and an explicit "TieredCompilation=1" are the same setting.
    private static string[] Settings(string text) =>
        text.Split(new[] { ", " }, StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Replace(" (default)", string.Empty).Trim())
            .ToArray();

    private static string Join(string[] items) => items.Length == 0 ? "(nothing)" : string.Join(", ", items);
}
