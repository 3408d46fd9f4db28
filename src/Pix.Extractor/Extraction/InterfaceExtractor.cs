using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Analysis;
using Pix.Extraction.Caching;
using Pix.Model;
using Pix.Targets;

namespace Pix.Extraction;

/// <summary>
/// Extracts the performance interface of a method: Pix's analysis engine. See docs/extractor.md
/// for the constructs handled, the cost lowering and the chain rule.
/// </summary>
public static class InterfaceExtractor
{
    /// <summary>
    /// The performance interface of <paramref name="method"/>. Never throws except
    /// <see cref="System.OperationCanceledException"/>: what cannot be modelled becomes a gap and an
    /// opaque term, and a method with errors still yields a model.
    /// </summary>
    public static InterfaceModel Extract(IMethodSymbol method, Compilation compilation, ExtractionOptions options, CancellationToken ct)
    {
        // Models are extracted and cached at resolution 0, then merged at the method's resolution: the
        // generator (which merges after learning the project's default) and the analyzers (which pass it
        // in the options) then share one extraction of each method. A merged model is cached under the
        // resolution it was merged at, never under the unmerged one's key: which model a call gets
        // depends on the effective resolution only (a method's own Resolution wins over the options).
        ExtractionOptions unmergedOptions = options.DefaultResolution == 0 ? options : options with { DefaultResolution = 0 };
        double resolution = ResolutionOf(method, options);
        if (resolution == 0)
        {
            return Unmerged(method, compilation, unmergedOptions, ct);
        }

        ExtractionOptions mergedOptions = options.DefaultResolution == resolution ? options : options with { DefaultResolution = resolution };
        if (ExtractionCache.TryGet(compilation, method, mergedOptions, out InterfaceModel? cached))
        {
            return cached!;
        }

        InterfaceModel unmerged = Unmerged(method, compilation, unmergedOptions, ct);
        return unmerged.IsInternalError
            ? unmerged
            : ExtractionCache.Add(compilation, method, mergedOptions, ResolutionMerger.Apply(unmerged, resolution));
    }

    private static InterfaceModel Unmerged(IMethodSymbol method, Compilation compilation, ExtractionOptions options, CancellationToken ct)
    {
        if (ExtractionCache.TryGet(compilation, method, options, out InterfaceModel? cached))
        {
            return cached!;
        }

        // A fault injected by a test must not be hidden by a model from an earlier test.
        bool reuse = options.ReuseAcrossCompilations && FaultForTesting is null;
        InterfaceModel model;
        try
        {
            // Under the same catch as the extraction: checking a cached model's dependencies binds code too (CallerLines).
            if (reuse && CrossCompilationCache.TryGet(compilation, method, options, ct, out InterfaceModel? reused, out bool relocated))
            {
                ReusedForTesting?.Invoke(method, compilation, options, relocated);
                return ExtractionCache.Add(compilation, method, options, reused!);
            }

            FaultForTesting?.Invoke(method);
            var session = new ExtractionSession(compilation, options, ct);
            MethodSummary summary = session.Summarise(method);
            AllocationSites.ForMeasurement?.Enter(AllocationSite.ModelAssembly);
            model = ModelAssembler.Assemble(summary, session.Gaps, resolution: 0);
            AllocationSites.ForMeasurement?.Leave();
            ExtractedForTesting?.Invoke(method);
            if (reuse)
            {
                var dependencies = SourceDependencies.Record(compilation, session.TreesBound, session.MethodsSummarised, model, ct);
                if (session.MetInvalidCode)
                {
                    CrossCompilationCache.AddUnserved(compilation, model, dependencies);
                }
                else
                {
                    CrossCompilationCache.Add(compilation, method, options, model, dependencies);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A bug in Pix must not take the user's build down with it (one generator exception
            // disables every interface of the compilation). The method gets no interface and the
            // analyzers report the failure with its stack (PIX0006), so the bug stays visible.
            model = InternalErrorModel.For(method, exception);
        }

        return ExtractionCache.Add(compilation, method, options, model);
    }

    /// <summary>
    /// Tests only: called before each uncached extraction, so a test can make Pix fail on one method
    /// (by name) and check that the failure becomes PIX0006 rather than an exception. Never set in product code.
    /// </summary>
    internal static Action<IMethodSymbol>? FaultForTesting { get; set; }

    /// <summary>
    /// Tests and the corpus harness only: called after each extraction that found no reusable model, so
    /// that a test can check which methods an edit makes Pix analyse again (and the harness count them
    /// per keystroke). Unlike <see cref="FaultForTesting"/> it does not turn reuse off. Process-wide: a
    /// test must filter by its own type names.
    /// </summary>
    internal static Action<IMethodSymbol>? ExtractedForTesting { get; set; }

    /// <summary>
    /// Tests and the corpus harness only: called when the cross-compilation cache serves a model (with
    /// whether it was relocated), so that the harness can check each against a fresh extraction in the
    /// same compilation. Process-wide, like <see cref="ExtractedForTesting"/>.
    /// </summary>
    internal static Action<IMethodSymbol, Compilation, ExtractionOptions, bool>? ReusedForTesting { get; set; }

    /// <summary>The method's <c>[PerformanceInterface(Resolution = r)]</c> when r ≥ 0, else the default.</summary>
    private static double ResolutionOf(IMethodSymbol method, ExtractionOptions options)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (!MethodSupport.IsPerformanceInterfaceAttribute(attribute))
            {
                continue;
            }

            foreach (var argument in attribute.NamedArguments.Where(a => a.Key == "Resolution"))
            {
                if (argument.Value.Value is double r && r >= 0 && !double.IsNaN(r))
                {
                    return r;
                }
            }
        }

        return options.DefaultResolution;
    }
}
