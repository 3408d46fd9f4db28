using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Analysis;
using Pix.Model;

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
        var session = new ExtractionSession(compilation, options, ct);
        MethodSummary summary = session.Summarise(method);
        return ModelAssembler.Assemble(summary, session.Gaps, ResolutionOf(method, options));
    }

    /// <summary>The method's <c>[PerformanceInterface(Resolution = r)]</c> when r ≥ 0, else the default.</summary>
    private static double ResolutionOf(IMethodSymbol method, ExtractionOptions options)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() != "Pix.PerformanceInterfaceAttribute")
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
