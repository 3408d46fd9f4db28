using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Model;

namespace Pix.Corpus;

/// <summary>What extracting one method produced.</summary>
/// <param name="Model">The interface, or null when the extractor threw.</param>
/// <param name="Failure">The exception, or null.</param>
/// <param name="Elapsed">Wall-clock time of the one <see cref="InterfaceExtractor.Extract"/> call.</param>
internal sealed record MethodOutcome(MethodTarget Target, InterfaceModel? Model, Exception? Failure, TimeSpan Elapsed);

/// <summary>Extracts every target once, timing each call with a <see cref="Stopwatch"/>.</summary>
internal static class ExtractionRun
{
    public static List<MethodOutcome> Run(IEnumerable<MethodTarget> targets, Compilation compilation, ExtractionOptions options, CancellationToken ct)
    {
        var outcomes = new List<MethodOutcome>();
        var stopwatch = new Stopwatch();
        foreach (MethodTarget target in targets)
        {
            InterfaceModel? model = null;
            Exception? failure = null;
            stopwatch.Restart();
            try
            {
                model = InterfaceExtractor.Extract(target.Symbol, compilation, options, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The one place a broad catch is right: the harness exists to count these (target: 0).
                failure = e;
            }

            stopwatch.Stop();
            outcomes.Add(new MethodOutcome(target, model, failure, stopwatch.Elapsed));
        }

        return outcomes;
    }
}
