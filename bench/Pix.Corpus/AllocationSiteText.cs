using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Pix.Corpus;

/// <summary>
/// The timed runs' bytes by allocation site (<c>--alloc-sites</c>, <see cref="Pix.Extraction.Analysis.AllocationSites"/>) as
/// tab-separated text, largest first: for every method, for the tail by bytes (methods allocating at or above the run's
/// p99) and for the tail by time (at or above the run's p99 time; it moves with the load, the bytes do not). Self bytes:
/// a site's nested sites are not in its figure, so the column sums to what the sites saw.
/// </summary>
internal static class AllocationSiteText
{
    public static void Write(IReadOnlyList<MethodOutcome> first, IReadOnlyList<MethodOutcome> second, string path)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("run\tsite\tall_mb\tall_share\ttail_bytes_mb\ttail_time_mb\tmethods_with_site");
        Write(w, "run1", first);
        Write(w, "run2", second);
    }

    private static void Write(StreamWriter w, string run, IReadOnlyList<MethodOutcome> outcomes)
    {
        var measured = outcomes.Where(o => o.Sites is not null).ToList();
        if (measured.Count == 0)
        {
            return;
        }

        long bytesP99 = AtP99(measured.Select(o => o.AllocatedBytes));
        long ticksP99 = AtP99(measured.Select(o => o.Elapsed.Ticks));
        var all = Sum(measured);
        var tailBytes = Sum(measured.Where(o => o.AllocatedBytes >= bytesP99));
        var tailTime = Sum(measured.Where(o => o.Elapsed.Ticks >= ticksP99));
        double total = all.Values.Sum(v => v.Bytes);
        w.WriteLine(string.Join("\t", run, "(all sites)", Mb(total), "1.000",
            Mb(tailBytes.Values.Sum(v => v.Bytes)), Mb(tailTime.Values.Sum(v => v.Bytes)), measured.Count.ToString(CultureInfo.InvariantCulture)));
        foreach (var (site, (bytes, methods)) in all.OrderByDescending(p => p.Value.Bytes).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteLine(string.Join("\t", run, site, Mb(bytes), (bytes / total).ToString("F3", CultureInfo.InvariantCulture),
                Mb(tailBytes.TryGetValue(site, out var b) ? b.Bytes : 0), Mb(tailTime.TryGetValue(site, out var t) ? t.Bytes : 0),
                methods.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static Dictionary<string, (long Bytes, int Methods)> Sum(IEnumerable<MethodOutcome> outcomes)
    {
        var sums = new Dictionary<string, (long Bytes, int Methods)>(StringComparer.Ordinal);
        foreach (MethodOutcome outcome in outcomes)
        {
            foreach (var (site, bytes) in outcome.Sites!)
            {
                sums.TryGetValue(site, out var sum);
                sums[site] = (sum.Bytes + bytes, sum.Methods + 1);
            }
        }

        return sums;
    }

    /// <summary>The nearest-rank 99th percentile.</summary>
    private static long AtP99(IEnumerable<long> values)
    {
        long[] sorted = values.OrderBy(v => v).ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(0.99 * sorted.Length) - 1)];
    }

    private static string Mb(double bytes) => (bytes / 1e6).ToString("F2", CultureInfo.InvariantCulture);
}
