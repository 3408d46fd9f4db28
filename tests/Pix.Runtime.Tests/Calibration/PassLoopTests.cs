using System;
using System.Collections.Generic;
using Pix.Calibration;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>
/// The calibrator's passes on synthetic data: a fake clock (each pass takes 3 s) and a fake core whose issue rate is
/// read before and after each pass. A quiet core reads 3.5 here, a shared one 2.8 (under 90% of 3.5).
/// </summary>
public sealed class PassLoopTests
{
    private const double Quiet = 3.5;
    private const double Shared = 2.8;

    /// <summary>Probes reading <see cref="Quiet"/> before the passes (<see cref="Run"/>).</summary>
    private const int QuietProbes = 3;

    private static readonly CalibrationOptions Options = CalibrationOptions.Default with
    {
        TimeBudget = TimeSpan.FromSeconds(10),
        QuietPassCeiling = TimeSpan.FromSeconds(20),
        MinRepetitions = 1,
        MaxRepetitions = 16,
    };

    /// <summary>
    /// Runs the loop; <paramref name="passRates"/> is each pass's issue rate (both probes around it), the last one
    /// repeated for any further pass. The first <see cref="QuietProbes"/> probes read <see cref="Quiet"/>: the process has
    /// seen a core of its own (readings that agree, the quiet rate: one alone would be a stray), so a pass at
    /// <see cref="Shared"/> is judged shared.
    /// </summary>
    private static (PassLog Log, TimeSpan Elapsed, List<int> Passes) Run(CalibrationOptions options, params double[] passRates)
    {
        TimeSpan now = TimeSpan.Zero;
        var passes = new List<int>();
        int probes = 0;
        var core = new CoreMonitor(() =>
        {
            int probe = probes++;
            if (probe < QuietProbes)
            {
                return Quiet;
            }

            return passRates[Math.Min((probe - QuietProbes) / 2, passRates.Length - 1)];
        });
        for (int i = 0; i < QuietProbes; i++)
        {
            core.Probe();
        }
        PassLog log = PassLoop.Run(options, core, () => now, pass =>
        {
            passes.Add(pass);
            now += TimeSpan.FromSeconds(3);
        });
        return (log, now, passes);
    }

    [Fact]
    public void A_quiet_pass_within_the_budget_ends_the_run_at_the_budget()
    {
        var (log, elapsed, passes) = Run(Options, Shared, Quiet, Shared);

        Assert.Equal(new[] { 1, 2, 3 }, passes);
        Assert.Equal(TimeSpan.FromSeconds(9), elapsed);
        Assert.Equal(new[] { 2 }, log.QuietPasses);
        Assert.Equal(0, log.WaitingPasses);
        Assert.False(log.CeilingReached);
    }

    [Fact]
    public void Passes_on_past_the_budget_until_the_first_quiet_pass()
    {
        // Passes 1-3 fill the budget (9 s; a fourth would end at 12 s), all shared: pass 4 is shared too, pass 5 quiet.
        var (log, elapsed, passes) = Run(Options, Shared, Shared, Shared, Shared, Quiet, Quiet);

        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, passes);
        Assert.Equal(TimeSpan.FromSeconds(15), elapsed);
        Assert.Equal(new[] { 5 }, log.QuietPasses);
        Assert.Equal(2, log.WaitingPasses);
        Assert.False(log.CeilingReached);
        Assert.Equal(new[] { Shared, Shared, Shared, Shared, Quiet }, log.IssueRates);
    }

    [Fact]
    public void The_ceiling_holds_when_no_pass_is_quiet()
    {
        // Every pass shared: passes start while they are expected to end by 20 s (the sixth ends at 18 s, a seventh would at 21 s).
        var (log, elapsed, passes) = Run(Options, Shared);

        Assert.Equal(6, passes.Count);
        Assert.True(elapsed <= Options.QuietPassCeiling);
        Assert.Empty(log.QuietPasses);
        Assert.Equal(3, log.WaitingPasses);
        Assert.True(log.CeilingReached);
    }

    [Fact]
    public void The_default_ceiling_is_twice_the_budget()
    {
        var (log, elapsed, passes) = Run(Options with { QuietPassCeiling = null, TimeBudget = TimeSpan.FromSeconds(6) }, Shared);

        Assert.Equal(4, passes.Count); // 12 s: twice the 6 s budget, a fifth pass would end at 15 s
        Assert.Equal(TimeSpan.FromSeconds(12), elapsed);
        Assert.True(log.CeilingReached);
    }

    [Fact]
    public void A_ceiling_equal_to_the_budget_never_waits()
    {
        var (log, _, passes) = Run(Options with { QuietPassCeiling = Options.TimeBudget }, Shared);

        Assert.Equal(3, passes.Count);
        Assert.Equal(0, log.WaitingPasses);
        Assert.True(log.CeilingReached);
    }

    [Fact]
    public void The_most_passes_still_bound_a_run_that_waits()
    {
        var (log, _, passes) = Run(Options with { QuietPassCeiling = TimeSpan.FromHours(1), MaxRepetitions = 5 }, Shared);

        Assert.Equal(5, passes.Count);
        Assert.True(log.CeilingReached);
    }

    [Fact]
    public void Passes_are_judged_at_the_end_against_the_final_quiet_rate()
    {
        // Passes 1-2 run at 3.2, the only rate seen so far (quiet against it when they ran); passes 3-4 at 3.6, a cluster
        // of readings: the quiet rate at the end is 3.6, and passes 1-2 were shared.
        TimeSpan now = TimeSpan.Zero;
        var rates = new Queue<double>(new[] { 3.2, 3.2, 3.2, 3.2, 3.6, 3.6, 3.6, 3.6, 3.6 });
        var core = new CoreMonitor(() => rates.Dequeue());
        PassLog log = PassLoop.Run(Options with { MaxRepetitions = 4, TimeBudget = TimeSpan.FromSeconds(30), QuietPassCeiling = TimeSpan.FromSeconds(30) }, core, () => now, _ => now += TimeSpan.FromSeconds(1));

        Assert.Equal(4, log.IssueRates.Count);
        Assert.Equal(3.6, log.QuietIssueRate);
        Assert.Equal(new[] { 3, 4 }, log.QuietPasses);
    }

    [Fact]
    public void A_lone_fast_reading_does_not_make_every_pass_shared()
    {
        // The probe before pass 1 reads 6.75 once (the Zen 5 guest's stray readings, QuietIssueRate); every other reading is
        // the quiet 3.5. Against the highest reading every pass was shared and the run waited to its ceiling; against the
        // quiet rate (the top of a cluster) they are all a core of their own and the run ends at its budget.
        TimeSpan now = TimeSpan.Zero;
        var passes = new List<int>();
        int probes = 0;
        var core = new CoreMonitor(() => probes++ == 1 ? 6.75 : Quiet);
        core.Probe();
        PassLog log = PassLoop.Run(Options, core, () => now, pass =>
        {
            passes.Add(pass);
            now += TimeSpan.FromSeconds(3);
        });

        Assert.Equal(new[] { 1, 2, 3 }, passes);
        Assert.Equal(Quiet, log.QuietIssueRate);
        Assert.Equal(6.75, log.HighestIssueRate);
        Assert.Equal(new[] { 1, 2, 3 }, log.QuietPasses);
        Assert.Equal(0, log.WaitingPasses);
        Assert.False(log.CeilingReached);
    }

    [Fact]
    public void A_budget_from_the_command_line_makes_two_passes_even_when_the_first_is_long()
    {
        // The first pass sizes every kernel (here 9 s of a 10 s budget); the second is the first of the short ones.
        TimeSpan now = TimeSpan.Zero;
        var passes = new List<int>();
        var core = new CoreMonitor(() => Quiet);
        PassLoop.Run(CalibrationOptions.ForBudget(TimeSpan.FromSeconds(10)), core, () => now, pass =>
        {
            passes.Add(pass);
            now += TimeSpan.FromSeconds(pass == 1 ? 9 : 1);
        });

        Assert.Equal(new[] { 1, 2 }, passes);
    }

    [Fact]
    public void A_ceiling_shorter_than_the_budget_is_refused()
    {
        var options = Options with { QuietPassCeiling = TimeSpan.FromSeconds(5) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(nameof(CalibrationOptions.QuietPassCeiling), error.ParamName);
    }
}
