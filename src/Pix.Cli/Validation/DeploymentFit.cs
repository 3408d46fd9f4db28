using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Cli.Validation;

/// <summary>One form considered for a fit: how well it predicted the training sizes it was left out of, and (for the report only) the held-out sizes.</summary>
/// <param name="Kind">The form.</param>
/// <param name="LeaveOneOutError">Mean relative error on each training size when fitted to the others; what the choice is made on.</param>
/// <param name="HeldOutMape">MAPE on the held-out sizes when fitted to all training sizes; reported, never used to choose.</param>
internal sealed record FitCandidate(DeploymentFitKind Kind, double LeaveOneOutError, double HeldOutMape);

/// <summary>
/// A deployment-specific version of one interface: its structure kept (pieces, guards, terms), its
/// coefficients fitted to measurements of the method on this machine on at most
/// <see cref="MaxTrainingPoints"/> sizes — every other size of the sorted sweep — and judged only on
/// the sizes it did not see. The form of the fit (<see cref="DeploymentFitKind"/>: none, one scale, a
/// fixed cost and a scale, one coefficient per term) is chosen on the training sizes alone, by leave-one-out.
/// </summary>
/// <remarks>
/// Sizes measured while another hardware thread shared the core (<see cref="MeasurementResult.CoreShared"/>)
/// are left out when at least <see cref="MinPoints"/> sizes had a core of their own: on this kind of
/// machine a shared core runs the same code 1.3–2x slower, so a sweep whose sizes straddle the two
/// speeds is fitted by coefficients that describe neither (held-out errors of 13–28% where the
/// unshared sizes alone fit within 1%). The deployment the fit describes is the core on its own.
/// </remarks>
/// <param name="Kind">The form chosen.</param>
/// <param name="Coefficients">The fitted coefficients, in a stable order (none for <see cref="DeploymentFitKind.AsGenerated"/>).</param>
/// <param name="TrainingSizes">The sizes the coefficients were fitted to.</param>
/// <param name="HeldOutSizes">The sizes the fit is judged on.</param>
/// <param name="HeldOutMapeBefore">MAPE on the held-out sizes with the interface as generated.</param>
/// <param name="HeldOutMapeAfter">MAPE on the held-out sizes after the fit.</param>
/// <param name="SharedCoreSizesLeftOut">Sizes measured on a shared core that took no part (neither trained on nor judged).</param>
/// <param name="SharedCoreSizesUsed">Sizes measured on a shared core that took part because too few had a core of their own.</param>
internal sealed record DeploymentFit(
    DeploymentFitKind Kind,
    IReadOnlyList<FittedCoefficient> Coefficients,
    IReadOnlyList<int> TrainingSizes,
    IReadOnlyList<int> HeldOutSizes,
    double HeldOutMapeBefore,
    double HeldOutMapeAfter,
    IReadOnlyList<int> SharedCoreSizesLeftOut,
    IReadOnlyList<int> SharedCoreSizesUsed)
{
    /// <summary>Every form considered, fewest coefficients first, with its leave-one-out error; empty when there were too few training sizes to choose.</summary>
    public IReadOnlyList<FitCandidate> Candidates { get; init; } = [];

    /// <summary>Sizes whose median was 0 or less (below the timer's resolution): neither trained on nor judged.</summary>
    public IReadOnlyList<int> UnmeasurableSizes { get; init; } = [];

    /// <summary>Why this form: the leave-one-out errors it was chosen on, or why there was no choice.</summary>
    public string ChosenBecause { get; init; } = string.Empty;

    /// <summary>At most this many sizes train the fit (the rest are held out).</summary>
    public const int MaxTrainingPoints = 8;

    /// <summary>
    /// How much lower (relative error) a form's leave-one-out error must be to replace a form with fewer
    /// coefficients. With 4–8 training sizes whose own timings move by a few percent run to run, a
    /// smaller gain is as likely the extra coefficients fitting that noise as a better description.
    /// </summary>
    public const double ClearlyBetter = 0.005;

    /// <summary>Fewer sizes than this leave nothing to judge a fit with: no fit.</summary>
    public const int MinPoints = 4;

    /// <summary>Fewer training sizes than this cannot choose a form by leave-one-out (each fit would see one size).</summary>
    public const int MinTrainingPointsToChoose = 3;

    /// <summary>
    /// Splits the sweep into training and held-out sizes and fits the form chosen by leave-one-out on the
    /// training sizes (per term only when every point carries its terms). Null when fewer than
    /// <see cref="MinPoints"/> points (nothing would be left to judge the fit with).
    /// </summary>
    public static DeploymentFit? Fit(IReadOnlyList<ValidationPoint> points)
    {
        ValidationPoint[] sorted = points.OrderBy(p => p.Size).ToArray();

        // A median of 0 (the engine clamps a sample below its overhead to 0) has no relative error.
        ValidationPoint[] measurable = sorted.Where(p => FitForm.Measured(p) > 0).ToArray();
        ValidationPoint[] ownCore = measurable.Where(p => !p.Measured.CoreShared).ToArray();
        ValidationPoint[] basis = Sizes(ownCore).Length >= MinPoints ? ownCore : measurable;
        int[] sizes = Sizes(basis);
        if (sizes.Length < MinPoints)
        {
            return null;
        }

        // Split on distinct sizes: a size listed twice goes entirely to one side, or it would be judged on itself.
        var trainingSizes = new HashSet<int>(sizes.Where((_, i) => i % 2 == 0).Take(MaxTrainingPoints));
        ValidationPoint[] training = basis.Where(p => trainingSizes.Contains(p.Size)).ToArray();
        ValidationPoint[] heldOut = basis.Where(p => !trainingSizes.Contains(p.Size)).ToArray();
        DeploymentFitKind[] forms = basis.All(p => p.Terms is { Count: > 0 })
            ? [DeploymentFitKind.AsGenerated, DeploymentFitKind.Scale, DeploymentFitKind.FixedPlusScale, DeploymentFitKind.PerTerm]
            : [DeploymentFitKind.AsGenerated, DeploymentFitKind.Scale, DeploymentFitKind.FixedPlusScale];
        DeploymentFit fit = Choose(forms, training, heldOut, trainingSizes.Count);
        return fit with
        {
            SharedCoreSizesLeftOut = Sizes(measurable.Except(basis)),
            SharedCoreSizesUsed = Sizes(basis.Where(p => p.Measured.CoreShared)),
            UnmeasurableSizes = Sizes(sorted.Except(measurable)),
        };
    }

    /// <summary>
    /// The form with the fewest coefficients that no richer form beats by <see cref="ClearlyBetter"/>
    /// under leave-one-out on the training sizes. With about as many terms as training sizes, per-term
    /// coefficients can fit every training size and miss the sizes between them; with noisy training
    /// sizes even one scale can move the prediction away from sizes the interface already got right.
    /// The choice sees the training sizes only; the held-out sizes judge whichever is chosen.
    /// </summary>
    private static DeploymentFit Choose(DeploymentFitKind[] forms, ValidationPoint[] training, ValidationPoint[] heldOut, int trainingSizes)
    {
        ValidationPoint[] all = training.Concat(heldOut).ToArray();
        if (trainingSizes < MinTrainingPointsToChoose)
        {
            // Nothing to choose with: the one coefficient two sizes determine (a form with more would fit them exactly and say nothing).
            return Judged(FitForm.Train(DeploymentFitKind.Scale, training, all), training, heldOut, []) with
            {
                ChosenBecause = $"one coefficient: {trainingSizes} training sizes are too few to choose a form by leave-one-out",
            };
        }

        FitCandidate[] candidates = forms
            .Select(kind => new FitCandidate(kind, FitForm.LeaveOneOutError(kind, training), FitForm.Train(kind, training, all).Mape(heldOut)))
            .ToArray();
        FitCandidate chosen = candidates[0];
        foreach (FitCandidate richer in candidates.Skip(1))
        {
            if (richer.LeaveOneOutError < chosen.LeaveOneOutError - ClearlyBetter)
            {
                chosen = richer;
            }
        }

        string errors = string.Join(", ", candidates.Select(c => $"{FitForm.Name(c.Kind)} {Output.Format.Percent(c.LeaveOneOutError)}"));
        return Judged(FitForm.Train(chosen.Kind, training, all), training, heldOut, candidates) with
        {
            ChosenBecause = $"chosen by leave-one-out on the training sizes: {errors}",
        };
    }

    private static DeploymentFit Judged(TrainedForm form, ValidationPoint[] training, ValidationPoint[] heldOut, FitCandidate[] candidates) =>
        new(form.Kind, form.Coefficients, Sizes(training), Sizes(heldOut), heldOut.Average(p => p.AbsoluteError), form.Mape(heldOut), [], [])
        {
            Candidates = candidates,
        };

    /// <summary>
    /// One line: <c>the interface as generated</c>, <c>1.07 × predicted</c>, <c>5.5 ns + 1.02 × predicted</c>,
    /// or <c>0.93 × [loop over data.Length] + 1.4 × [straight-line code]</c>.
    /// </summary>
    public string Describe() => Kind switch
    {
        DeploymentFitKind.AsGenerated => "the interface as generated",
        DeploymentFitKind.Scale => $"{Output.Format.Number(Coefficients[0].Value, "0.###")} × predicted",
        DeploymentFitKind.FixedPlusScale => $"{Output.Format.Ns(Coefficients[0].Value)} ns + {Output.Format.Number(Coefficients[1].Value, "0.###")} × predicted",
        _ => string.Join(" + ", Coefficients.Select(c => $"{Output.Format.Number(c.Value, "0.###")} × [{c.Label}]")),
    };

    /// <summary>
    /// Each form considered, for the report: <c>as generated 11.6% → 11.6%, scale 9.0% → 8.4%, …</c>
    /// (leave-one-out error on the training sizes → MAPE on the held-out sizes); null when there was no choice.
    /// </summary>
    public string? DescribeCandidates() => Candidates.Count == 0
        ? null
        : string.Join(", ", Candidates.Select(c => $"{FitForm.Name(c.Kind)} {Output.Format.Percent(c.LeaveOneOutError)} → {Output.Format.Percent(c.HeldOutMape)}"));

    /// <summary>What the fit did with sizes measured on a shared core; null when every size had a core of its own.</summary>
    public string? SharedCoreNote() =>
        SharedCoreSizesLeftOut.Count > 0
            ? $"sizes {string.Join(", ", SharedCoreSizesLeftOut)} were measured on a shared core and left out"
            : SharedCoreSizesUsed.Count > 0
                ? $"sizes {string.Join(", ", SharedCoreSizesUsed)} were measured on a shared core and kept: fewer than {MinPoints} sizes had a core of their own"
                : null;

    /// <summary>Which sizes measured no time at all and took no part; null when every size measured some.</summary>
    public string? UnmeasurableNote() =>
        UnmeasurableSizes.Count > 0
            ? $"sizes {string.Join(", ", UnmeasurableSizes)} measured 0 ns, below the timer's resolution, and were left out"
            : null;

    private static int[] Sizes(IEnumerable<ValidationPoint> points) => points.Select(p => p.Size).Distinct().ToArray();
}
