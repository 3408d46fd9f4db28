using Microsoft.CodeAnalysis;

namespace Pix.Extraction.Analysis;

/// <summary>What a measured piece of bottom-up work was (<see cref="ISummaryMeter"/>).</summary>
internal enum SummaryWork
{
    /// <summary>One analysis of a method for its summary (a cycle's member is analysed once per pass).</summary>
    Summary,

    /// <summary>A walk of the call graph to find the cycle a method is on (<see cref="CallGraph"/>).</summary>
    CallGraphWalk,

    /// <summary>A body the walk reads asked of its semantic model (<see cref="MethodBodies.MeterForMeasurement"/>): the compiler's binding.</summary>
    Binding,

    /// <summary>A body the throw-helper rule reads (<see cref="ThrowingMethods"/>) asked of its semantic model.</summary>
    ThrowRuleBinding,

    /// <summary>A body the call graph reads (<see cref="CallGraph"/>) asked of its semantic model.</summary>
    CallGraphBinding,
}

/// <summary>
/// Measurement only (<see cref="ExtractionSession.MeterForMeasurement"/>): told as each piece of bottom-up work
/// starts and finishes, strictly nested (a summary computed on demand starts and finishes inside its caller's), so that
/// a meter can charge each piece its own time and allocation without the nested pieces'. The extractor targets
/// netstandard2.0, which cannot read the allocation and GC pause counters; the meter, in the harness, can.
/// </summary>
internal interface ISummaryMeter
{
    /// <summary>A piece of work starts (the matching <see cref="Finished"/> follows, also when it throws).</summary>
    void Started();

    /// <summary>The innermost piece started finished: <paramref name="work"/> for <paramref name="method"/>.</summary>
    void Finished(IMethodSymbol method, SummaryWork work);
}
