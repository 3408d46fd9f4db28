using System.Collections.Generic;

namespace Pix.Calibration;

/// <summary>
/// Which passes of a calibration ran on a core of their own: a pass whose issue rate (the lower of the probes before
/// and after it) is not shared by <see cref="CoreMonitor.IsShared(double, double)"/> against the quiet rate
/// (<see cref="CoreMonitor.Reference"/>: the rate of a core of its own, from every reading of the process). The calibrator's loop (pass on until one is quiet) and <c>pix calibrate</c>'s warning (no quiet
/// pass) ask this one question.
/// </summary>
internal static class QuietPasses
{
    /// <summary>The numbers (from 1) of the quiet passes among <paramref name="issueRates"/> (one rate a pass, in order), judged against <paramref name="quietRate"/>.</summary>
    public static IReadOnlyList<int> Of(IReadOnlyList<double> issueRates, double quietRate)
    {
        var quiet = new List<int>();
        for (int i = 0; i < issueRates.Count; i++)
        {
            if (!CoreMonitor.IsShared(issueRates[i], quietRate))
            {
                quiet.Add(i + 1);
            }
        }

        return quiet;
    }
}
