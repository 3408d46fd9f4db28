using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Calibration;

/// <summary>
/// The order one calibration pass times its probes in. Most probes are timed once a pass, in catalogue order; a group
/// whose figure must come from a moment when the core was the process's own is timed at several moments of the pass,
/// so that its quietest batch (<see cref="KernelStatistic"/>) has more moments to come from.
/// </summary>
/// <remarks>
/// The issue kernels are such a group (<see cref="Kernels.IssueWidthKernels.MomentsPerPass"/>): they measure how many
/// slots the front end issues a cycle, which another hardware thread of the same core takes away, and another tenant's
/// thread holds the core for seconds at a time. Timed once a pass (a few milliseconds at one moment of a pass of
/// seconds), a calibration sampled them at five moments, and in two of the twenty-fourth closing's three calibrations
/// each moment fell on a shared core: the issue slot read 0.0559 and 0.0605 ns where the third read 0.0450, and
/// <c>Geometry.Multiply</c>, priced by its issue slots, moved by 24% (docs/accuracy.md, "issue25").
/// </remarks>
internal static class PassSchedule
{
    /// <summary>
    /// <paramref name="probes"/> in order, except that those <paramref name="spread"/> selects are taken out and timed
    /// as a group (in their own order) at <paramref name="moments"/> evenly spaced places among the others: before the
    /// first, and before every (others / moments)-th after it. With more moments than other probes the group comes
    /// before each of them once; a pass without a spread probe is <paramref name="probes"/> as given.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="moments"/> is below 1.</exception>
    public static IReadOnlyList<T> Spread<T>(IReadOnlyList<T> probes, Func<T, bool> spread, int moments)
    {
        if (moments < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(moments), moments, "A group is timed at one moment of a pass or more.");
        }

        List<T> group = probes.Where(spread).ToList();
        List<T> others = probes.Where(p => !spread(p)).ToList();
        if (group.Count == 0)
        {
            return others;
        }

        var places = new HashSet<int>(Enumerable.Range(0, moments).Select(j => (int)((long)j * others.Count / moments)));
        var schedule = new List<T>(others.Count + (places.Count * group.Count));
        for (int i = 0; i <= others.Count; i++)
        {
            if (places.Contains(i))
            {
                schedule.AddRange(group);
            }

            if (i < others.Count)
            {
                schedule.Add(others[i]);
            }
        }

        return schedule;
    }
}
