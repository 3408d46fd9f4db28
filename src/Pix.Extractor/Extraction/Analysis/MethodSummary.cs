using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Costs;
using Pix.Extraction.Inputs;
using Pix.Model;

namespace Pix.Extraction.Analysis;

/// <summary>
/// The analysis of one method, over its own quantities: guarded alternatives whose costs hold the
/// method's straight-line operations and its terms. A caller substitutes the quantities by its
/// arguments (see <c>MethodAnalyzer.CalleeSubstitution</c>); the extracted method becomes the model.
/// </summary>
internal sealed class MethodSummary
{
    public MethodSummary(
        IMethodSymbol method,
        QuantityTable quantities,
        IReadOnlyList<PathAlternative> alternatives,
        OperationVector straightChain,
        ReturnPaths returnPaths,
        Provenance origin,
        bool hasBody)
    {
        Method = method;
        Quantities = quantities;
        Alternatives = alternatives;
        StraightChain = straightChain;
        ReturnPaths = returnPaths;
        Origin = origin;
        HasBody = hasBody;
    }

    public IMethodSymbol Method { get; }

    public QuantityTable Quantities { get; }

    public IReadOnlyList<PathAlternative> Alternatives { get; }

    /// <summary>The longest dependency path of the method's straight-line code.</summary>
    public OperationVector StraightChain { get; }

    /// <summary>How the returned value depends on the arguments and the receiver (what an inlined call adds to their flows).</summary>
    public ReturnPaths ReturnPaths { get; }

    public Provenance Origin { get; }

    public bool HasBody { get; }

    /// <summary>
    /// True for a small method without loops, calls or branches on inputs: the JIT inlines those,
    /// so a caller adds its operations to its own block (and its chain) instead of a call.
    /// </summary>
    public bool IsInlineCandidate =>
        Alternatives.Count == 1
        && Alternatives[0].Cost.Terms.Count == 0
        && Alternatives[0].Cost.Opaque.Count == 0
        && Alternatives[0].Cost.Operations.ReferenceThroughput() <= InlineThroughputLimitNs;

    // About the size of method RyuJIT inlines by default (a few dozen IL bytes ≈ a handful of operations).
    private const double InlineThroughputLimitNs = 2.0;
}
