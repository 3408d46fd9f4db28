using System.Collections.Generic;

namespace Pix.Calibration;

/// <summary>
/// Which passes of a calibration ran on a core of their own: a pass whose issue rate (the lower of the probes before
/// and after it) is not shared by <see cref="CoreMonitor.IsShared(double, double)"/> against the highest rate the
/// process probed. The calibrator's loop (pass on until one is quiet) and <c>pix calibrate</c>'s warning (no quiet
/// pass) ask this one question.
/// </summary>
internal static class QuietPasses
{
    /// <summary>The numbers (from 1) of the quiet passes among <paramref name="issueRates"/> (one rate a pass, in order).</summary>
    public static IReadOnlyList<int> Of(IReadOnlyList<double> issueRates, double highestRate)
    {
        var quiet = new List<int>();
        for (int i = 0; i < issueRates.Count; i++)
        {
            if (!CoreMonitor.IsShared(issueRates[i], highestRate))
            {
                quiet.Add(i + 1);
            }
        }

        return quiet;
    }
}
