using System;
using System.Collections.Generic;

namespace Pix.Calibration;

/// <summary>
/// How many passes over the kernels a calibration makes: whole passes while the next one is expected to end within
/// <see cref="CalibrationOptions.TimeBudget"/> (between <see cref="CalibrationOptions.MinRepetitions"/> and
/// <see cref="CalibrationOptions.MaxRepetitions"/>), then more while every pass so far ran on a shared core
/// (<see cref="QuietPasses"/>, against the quiet rate known then), up to <see cref="CalibrationOptions.QuietPassCeiling"/>.
/// The core's issue rate is probed around each pass, and at the end every pass is judged against the final quiet rate.
/// </summary>
/// <remarks>
/// On this project's 2-vCPU VM another tenant's thread takes the core's other hardware thread for seconds at a
/// time, and the throughput kernels then run up to 2x slower: a calibration whose passes all ran so priced
/// <c>Load</c>'s throughput and <c>ScaledLea</c> in the other of their two groups (docs/accuracy.md). Passing on
/// until one pass is quiet costs seconds only on such a run; a quiet run ends at the budget as before.
/// </remarks>
internal static class PassLoop
{
    /// <summary>
    /// Runs the passes: <paramref name="runPass"/> with the pass number (from 1), each between two probes of
    /// <paramref name="core"/>; <paramref name="elapsed"/> is the calibration's clock (its warm-up included).
    /// </summary>
    public static PassLog Run(CalibrationOptions options, CoreMonitor core, Func<TimeSpan> elapsed, Action<int> runPass)
    {
        var rates = new List<double>();
        TimeSpan ceiling = options.EffectiveQuietPassCeiling;
        TimeSpan passDuration = TimeSpan.Zero;
        int waitingPasses = 0;
        bool ceilingReached = false;
        for (int pass = 1; ; pass++)
        {
            TimeSpan expectedEnd = elapsed() + passDuration;
            bool pastBudget = pass > options.MinRepetitions && expectedEnd > options.TimeBudget;
            bool waiting = pastBudget && QuietPasses.Of(rates, core.Reference).Count == 0;
            if (pastBudget && !waiting)
            {
                break;
            }

            if (pass > options.MaxRepetitions || (waiting && expectedEnd > ceiling))
            {
                ceilingReached = waiting;
                break;
            }

            if (waiting)
            {
                waitingPasses++;
            }

            TimeSpan start = elapsed();
            double rateBefore = core.Probe();
            runPass(pass);
            rates.Add(Math.Min(rateBefore, core.Probe()));
            passDuration = elapsed() - start;
        }

        // One more probe, then every pass judged again against the quiet rate known now, from every reading of the process
        // (pix validate's FinalJudgement does the same): a pass that looked quiet against the readings before it may not be
        // against a later cluster of higher ones. The quiet rate, not the highest reading (HighestIssueRate, kept for --raw):
        // one stray fast reading would make every pass shared and keep the run waiting to its ceiling.
        core.Probe();
        return new PassLog(rates, core.Reference, core.Highest, waitingPasses, ceilingReached);
    }
}

/// <summary>What <see cref="PassLoop.Run"/> saw.</summary>
/// <param name="IssueRates">The core's issue rate around each pass, the lower of the probes before and after it.</param>
/// <param name="QuietIssueRate">The rate of a core of its own by the end of the passes (<see cref="CoreMonitor.Reference"/>): what every pass is judged against.</param>
/// <param name="HighestIssueRate">The highest rate the process probed, by the end of the passes (a lone stray reading may be it).</param>
/// <param name="WaitingPasses">Passes run past the time budget because every pass before them ran on a shared core.</param>
/// <param name="CeilingReached">Whether the run passed its budget waiting for a quiet pass and stopped without one, at the
/// ceiling (or at <see cref="CalibrationOptions.MaxRepetitions"/>).</param>
internal sealed record PassLog(IReadOnlyList<double> IssueRates, double QuietIssueRate, double HighestIssueRate, int WaitingPasses, bool CeilingReached)
{
    /// <summary>The passes (from 1) that ran on a core of their own (<see cref="Calibration.QuietPasses"/>).</summary>
    public IReadOnlyList<int> QuietPasses => Calibration.QuietPasses.Of(IssueRates, QuietIssueRate);
}
