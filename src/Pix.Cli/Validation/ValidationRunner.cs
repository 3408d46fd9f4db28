using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using Pix.Cli.Output;
using Pix.Model;

namespace Pix.Cli.Validation;

/// <summary>Runs each target's sweep: build inputs, predict with <c>LatencyOf_X</c>, measure the method.</summary>
internal sealed class ValidationRunner
{
    private readonly HardwareProfile _profile;
    private readonly MeasurementOptions _measurement;
    private readonly TextWriter _progress;
    private readonly IReadOnlyDictionary<string, InterfaceModel>? _models;
    private readonly int _passes;
    private readonly CoreMonitor _core;

    // Every sweep run so far, by the points list its MethodValidation carries (a `with` copy carries the same list), and
    // how long the sweeps took: the final judgement measures their sizes again (JudgeFinally).
    private readonly List<(IReadOnlyList<ValidationPoint> Points, List<SweptSize> Sizes)> _sweeps = new();
    private readonly Stopwatch _sweepTime = new();

    /// <param name="profile">The profile predictions are made with.</param>
    /// <param name="measurement">How to measure.</param>
    /// <param name="progress">Where each size's result is reported as it comes.</param>
    /// <param name="models">The interfaces' models by documentation ID, to split predictions into terms; null when not known.</param>
    /// <param name="passes">
    /// How many passes over the sweep measure each size; with more than one, a size whose measurements
    /// do not agree (<see cref="RepeatedMeasurements.Agree"/>) gets one pass more, and the median is kept
    /// (<see cref="RepeatedMeasurements.Kept"/>: of two modes, the faster's).
    /// </param>
    public ValidationRunner(HardwareProfile profile, MeasurementOptions measurement, TextWriter progress, IReadOnlyDictionary<string, InterfaceModel>? models = null, int passes = 1)
    {
        if (passes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(passes), passes, "At least one pass is needed.");
        }

        _profile = profile;
        // Predictions price an allocation without the gen-0 collections it eventually causes (the calibrator's
        // allocation kernels' quietest batches): compare them with the batches no collection ran in.
        _measurement = measurement with { SkipCollectedBatches = true };
        _progress = progress;
        _models = models;
        _passes = passes;
        _core = CoreMonitor.Process;
    }

    public MethodValidation Run(ValidationTarget target, IReadOnlyList<int> sizes)
    {
        _sweepTime.Start();
        try
        {
            return Sweep(target, sizes);
        }
        finally
        {
            _sweepTime.Stop();
        }
    }

    private MethodValidation Sweep(ValidationTarget target, IReadOnlyList<int> sizes)
    {
        if (target.NotValidatedBecause is not null)
        {
            return new MethodValidation(target.DisplayName, Array.Empty<ValidationPoint>(), target.NotValidatedBecause);
        }

        Func<object?[], object?> call;
        Func<object?[], object?> predict;
        try
        {
            call = Invoker.Create(target.Method, boxResult: false);
            predict = Invoker.Create(target.LatencyMethod!, boxResult: true);
        }
        catch (NotSupportedException e)
        {
            return new MethodValidation(target.DisplayName, Array.Empty<ValidationPoint>(), e.Message);
        }

        string? noTerms = null;
        TermBreakdown? breakdown = null;
        if (_models is null)
        {
            noTerms = "no --project to extract the interface's terms from";
        }
        else if (!_models.TryGetValue(DocumentationId.Of(target.Method), out InterfaceModel? model))
        {
            noTerms = $"the project has no interface for {DocumentationId.Of(target.Method)}";
        }
        else
        {
            breakdown = new TermBreakdown(model, target.Method, target.LatencyMethod!);
        }

        var points = new List<ValidationPoint>();
        var callOfPoint = new List<Action>();   // parallel to points: a sweep may name a size twice
        MeasurementResult? droppedFirst = null;
        MethodValidation Stop(string why) => new(target.DisplayName, points, why, noTerms) { DroppedFirstMeasurement = droppedFirst };

        // The first size is measured twice and its first measurement dropped: it is the only one taken
        // while the method was new to the process, and it measured up to 9x the second (code still
        // tiering up after --project's extraction, docs/accuracy.md, sixth session); every other size follows one
        // that already ran the method for a whole measurement.
        foreach ((int size, bool dropped) in sizes.Take(1).Select(s => (s, true)).Concat(sizes.Select(s => (s, false))))
        {
            object built;
            try
            {
                built = target.Factory!.Invoke(null, new object[] { size })
                    ?? throw new CommandLineException($"{target.Factory.Name}({size}) returned null.");
            }
            catch (TargetInvocationException e)
            {
                return Stop($"{target.Factory!.Name}({size}) threw {e.InnerException!.GetType().Name}: {e.InnerException.Message}");
            }

            if (InputRotation.Sets(built) is not { } inputSets)
            {
                return Stop($"{target.Factory!.Name}({size}) returned no input sets, or a null one");
            }

            var methodArgumentSets = new List<object?[]>();
            var latencyArgumentSets = new List<object?[]>();
            foreach (object?[] inputs in inputSets)
            {
                if (!TrySplit(target, inputs, out object?[] methodArguments, out object?[] latencyArguments, out string? problem))
                {
                    return Stop(problem!);
                }

                methodArgumentSets.Add(methodArguments);
                latencyArgumentSets.Add(latencyArguments);
            }

            // Several input sets are called in turn, so the prediction to compare with is their mean.
            Latency predicted;
            MeasurementResult measured;
            try
            {
                predicted = Latency.FromNanoseconds(latencyArgumentSets.Average(a => ((Latency)predict(a)!).Nanoseconds));
            }
            catch (InvalidCastException e)
            {
                return Stop($"{target.Factory!.Name}({size}) returned a value of the wrong type: {e.Message}");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The user's code (the generated interface) failed on these inputs: report it for this method, go on with the others.
                return Stop($"LatencyOf_{target.Method.Name} threw {e.GetType().Name} at size {size}: {e.Message}");
            }

            Action timedCall = InputRotation.TimedCall(call, methodArgumentSets, seed: size);
            try
            {
                measured = Measurement.Measure(timedCall, _measurement);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Stop($"{target.Method.Name} threw {e.GetType().Name} at size {size}: {e.Message}");
            }

            string rotated = inputSets.Count > 1 ? $", {inputSets.Count} input sets called in a random order" : string.Empty;
            if (dropped)
            {
                _progress.WriteLine($"  {target.Method.Name}, size {size}: measured {measured}, issue rate {Format.IssueRate(measured.IssueRate)}{LeftOut(measured)}{rotated} (the method's first measurement, not kept)");
                droppedFirst = measured;
                continue;
            }

            IReadOnlyList<TermValue>? terms = null;
            if (breakdown is not null)
            {
                (terms, noTerms) = Terms(breakdown, methodArgumentSets, latencyArgumentSets, predicted, size);
                breakdown = terms is null ? null : breakdown;
            }

            _progress.WriteLine($"  {target.Method.Name}, size {size}: predicted {predicted}, measured {measured}, issue rate {Format.IssueRate(measured.IssueRate)}{LeftOut(measured)}{rotated}");
            points.Add(new ValidationPoint(size, predicted, measured, terms));
            callOfPoint.Add(timedCall);
        }

        List<SweptSize> swept = points.Select((p, i) => new SweptSize(target.Method.Name, p.Size, callOfPoint[i])).ToList();
        for (int i = 0; i < points.Count; i++)
        {
            swept[i].Measurements.Add(points[i].Measured);
        }

        if (_passes > 1 && MeasureAgain(target, points, swept) is string failed)
        {
            return Stop(failed);
        }

        // Terms at some sizes only are no use to a fit over all of them.
        IReadOnlyList<ValidationPoint> kept = noTerms is null ? points : points.Select(p => p with { Terms = null }).ToList();
        _sweeps.Add((kept, swept));
        return new MethodValidation(target.DisplayName, kept, null, noTerms)
        {
            DroppedFirstMeasurement = droppedFirst,
        };
    }

    /// <summary>
    /// The final judgement (<see cref="FinalJudgement"/>) over every sweep this runner ran: <paramref name="results"/>
    /// (what <see cref="Run"/> returned, in any order, <c>with</c> copies too) with each point's measurements judged against
    /// the quiet rate known now, the sizes that turn out shared measured again, and the measurement kept chosen anew.
    /// </summary>
    public IReadOnlyList<MethodValidation> JudgeFinally(IReadOnlyList<MethodValidation> results)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan cap = _sweepTime.Elapsed * FinalJudgement.TimeCapFraction;
        FinalJudgementLog log = FinalJudgement.Run(_sweeps.SelectMany(s => s.Sizes).ToList(), _core, MeasureOrNull, () => clock.Elapsed, cap, _progress);
        _progress.WriteLine(
            $"  final judgement: quiet rate {Format.IssueRate(log.QuietRate)}; {log.Remeasured.Count} sizes measured again ({log.Remeasured.Sum(r => r.Times)} measurements)"
            + $" in {Format.Number(clock.Elapsed.TotalSeconds, "0.0")} s (cap {Format.Number(cap.TotalSeconds, "0.0")} s); {log.SizesJudgedShared.Count} sizes judged shared, {log.SizesJudgedOwn.Count} judged own core at the end");
        return results.Select(result =>
        {
            int at = _sweeps.FindIndex(s => ReferenceEquals(s.Points, result.Points));
            if (at < 0)
            {
                return result;
            }

            List<SweptSize> sizes = _sweeps[at].Sizes;
            var points = result.Points.Select((p, i) =>
            {
                MeasurementResult[] slower = RepeatedMeasurements.SlowerMode(sizes[i].Measurements);
                return p with { Measured = RepeatedMeasurements.Kept(sizes[i].Measurements), SlowerModeLeftOut = slower.Select(m => m.Median).ToArray() };
            }).ToList();
            return result with { Points = points, Judgement = log.For(sizes) };
        }).ToList();
    }

    /// <summary>A measurement of <paramref name="call"/>, or null when the method threw (it did not in the sweep: its inputs are the same).</summary>
    private MeasurementResult? MeasureOrNull(Action call)
    {
        try
        {
            return Measurement.Measure(call, _measurement);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _progress.WriteLine($"  measuring again threw {e.GetType().Name}: {e.Message}; the size keeps its measurements");
            return null;
        }
    }

    /// <summary>
    /// Passes 2 to <c>_passes</c> over the sizes, then one more over the sizes whose measurements do not
    /// agree; each point then keeps the median of its measurements. Null, or why the method failed.
    /// </summary>
    private string? MeasureAgain(ValidationTarget target, List<ValidationPoint> points, List<SweptSize> swept)
    {
        List<MeasurementResult>[] measurements = swept.Select(s => s.Measurements).ToArray();
        for (int pass = 2; pass <= _passes + 1; pass++)
        {
            bool extra = pass > _passes;
            for (int i = 0; i < points.Count; i++)
            {
                if (extra && RepeatedMeasurements.Agree(measurements[i]))
                {
                    continue;
                }

                ValidationPoint point = points[i];
                MeasurementResult measured;
                try
                {
                    measured = Measurement.Measure(swept[i].Call, _measurement);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    return $"{target.Method.Name} threw {e.GetType().Name} at size {point.Size} (pass {pass}): {e.Message}";
                }

                measurements[i].Add(measured);
                _progress.WriteLine($"  {target.Method.Name}, size {point.Size}, pass {pass}{(extra ? " (measurements disagreed)" : string.Empty)}: measured {measured}, issue rate {Format.IssueRate(measured.IssueRate)}{LeftOut(measured)}");
            }
        }

        for (int i = 0; i < points.Count; i++)
        {
            MeasurementResult[] slower = RepeatedMeasurements.SlowerMode(measurements[i]);
            points[i] = points[i] with { Measured = RepeatedMeasurements.Kept(measurements[i]), SlowerModeLeftOut = slower.Select(m => m.Median).ToArray() };
            if (slower.Length > 0)
            {
                string all = string.Join(", ", measurements[i].Select(m => m.Median.ToString()));
                _progress.WriteLine($"  {target.Method.Name}, size {points[i].Size} over {measurements[i].Count} passes: two modes ({all}; {Format.Number(RepeatedMeasurements.ModesApart, "0.0")}x or more apart): the faster kept, {points[i].Measured.Median}");
            }
        }

        return null;
    }

    /// <summary>
    /// The prediction term by term, from the model (with several input sets, each term's mean over them);
    /// refused when it does not add up to what the assembly's <c>LatencyOf_X</c> returned (the project's
    /// source and the built assembly differ).
    /// </summary>
    private (IReadOnlyList<TermValue>? Terms, string? Problem) Terms(TermBreakdown breakdown, IReadOnlyList<object?[]> methodArgumentSets, IReadOnlyList<object?[]> latencyArgumentSets, Latency predicted, int size)
    {
        var perSet = new List<IReadOnlyList<TermValue>>();
        try
        {
            for (int i = 0; i < methodArgumentSets.Count; i++)
            {
                perSet.Add(breakdown.Evaluate(methodArgumentSets[i], latencyArgumentSets[i], _profile));
            }
        }
        catch (NotSupportedException e)
        {
            return (null, "cannot read the interface's quantities: " + e.Message);
        }
        catch (ArgumentException e)
        {
            return (null, "cannot evaluate the interface's model: " + e.Message);
        }

        IReadOnlyList<TermValue> terms = perSet.Count == 1 ? perSet[0] : MeanTerms(perSet);
        double sum = terms.Sum(t => t.Nanoseconds);
        if (Math.Abs(sum - predicted.Nanoseconds) > 1e-6 * Math.Max(1, Math.Abs(predicted.Nanoseconds)))
        {
            return (null, $"at size {size} the project's model adds up to {Latency.FromNanoseconds(sum)} but the assembly's LatencyOf_X returned {predicted}: rebuild the assembly from this source");
        }

        return (terms, null);
    }

    /// <summary>Each term's mean over the input sets (a term a set's piece lacks counts 0 there), in order of first appearance.</summary>
    internal static IReadOnlyList<TermValue> MeanTerms(IReadOnlyList<IReadOnlyList<TermValue>> perSet) =>
        perSet.SelectMany(terms => terms)
            .GroupBy(t => t.Key, StringComparer.Ordinal)
            .Select(g => new TermValue(g.Key, g.First().Label, g.Sum(t => t.Nanoseconds) / perSet.Count))
            .ToList();

    /// <summary>
    /// Splits the factory's values into the method's arguments (target first for an instance method)
    /// and <c>LatencyOf_X</c>'s: the same, then the profile, then PCVs (defaults where the factory has none).
    /// </summary>
    private bool TrySplit(ValidationTarget target, object?[] inputs, out object?[] methodArguments, out object?[] latencyArguments, out string? problem)
    {
        int callCount = Invoker.ArgumentCount(target.Method);
        ParameterInfo[] pcvs = target.LatencyMethod!.GetParameters().Skip(target.Method.GetParameters().Length + 1).ToArray();
        methodArguments = inputs.Take(callCount).ToArray();
        latencyArguments = Array.Empty<object?>();
        int supplied = inputs.Length - callCount;
        if (inputs.Length < callCount || supplied > pcvs.Length)
        {
            problem = $"{target.Factory!.Name} returned {inputs.Length} values; {target.Method.Name} needs {callCount}"
                + (pcvs.Length > 0 ? $", plus up to {pcvs.Length} PCV value(s) ({string.Join(", ", pcvs.Select(p => p.Name))})" : string.Empty);
            return false;
        }

        var arguments = new List<object?>(methodArguments) { _profile };
        for (int i = 0; i < pcvs.Length; i++)
        {
            if (i < supplied)
            {
                arguments.Add(inputs[callCount + i]);
            }
            else if (pcvs[i].HasDefaultValue)
            {
                arguments.Add(pcvs[i].DefaultValue);
            }
            else
            {
                problem = $"LatencyOf_{target.Method.Name} needs PCV '{pcvs[i].Name}', and {target.Factory!.Name} does not supply it";
                return false;
            }
        }

        latencyArguments = arguments.ToArray();
        problem = null;
        return true;
    }

    /// <summary>", 12 of 21 batches left out (a gen-0 collection ran in them)", or nothing when every batch counts.</summary>
    private static string LeftOut(MeasurementResult measured) => measured.BatchesLeftOut > 0
        ? $", {measured.BatchesLeftOut} of {measured.BatchesLeftOut + measured.Samples.Count} batches left out (a gen-0 collection ran in them)"
        : string.Empty;
}
