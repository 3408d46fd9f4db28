using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime;

namespace Pix.Corpus;

/// <summary>
/// Methods the JIT compiled and the time it spent (the whole process, every thread). A first run pays the JIT for
/// every Roslyn and Pix path it reaches first; this separates that from the extraction's own work.
/// </summary>
internal readonly record struct JitWork(long Methods, TimeSpan Time)
{
    public static JitWork SoFar() => new(JitInfo.GetCompiledMethodCount(currentThread: false), JitInfo.GetCompilationTime(currentThread: false));

    public static JitWork operator -(JitWork after, JitWork before) => new(after.Methods - before.Methods, after.Time - before.Time);

    /// <summary>"JIT 12,345 methods, 4.1 s (33% of 12.2 s)": how much of a run's summed extraction time was the JIT's.</summary>
    public static string Describe(IReadOnlyCollection<JitWork> calls, TimeSpan elapsed)
    {
        long methods = calls.Sum(c => c.Methods);
        double seconds = calls.Sum(c => c.Time.TotalSeconds);
        return $"JIT {methods:N0} methods, {seconds:F1} s ({100 * seconds / Math.Max(elapsed.TotalSeconds, 1e-9):F0}% of {elapsed.TotalSeconds:F1} s)";
    }
}
