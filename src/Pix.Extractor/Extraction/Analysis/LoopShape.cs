using Microsoft.CodeAnalysis;
using Pix.Extraction.Symbolic;

namespace Pix.Extraction.Analysis;

/// <summary>
/// What the extractor recognised about a loop's iteration space: its induction variable (when it
/// has an affine one), the variable's first value and step, the trip count over the inputs (and
/// outer loop variables), and the array whose bounds checks the JIT elides.
/// </summary>
/// <param name="Variable">The induction variable, or null (foreach, halving, binary search).</param>
/// <param name="Start">Its first value.</param>
/// <param name="Step">Its increment per iteration.</param>
/// <param name="Last">Its value in the last iteration.</param>
/// <param name="Trips">Iterations when the loop runs to completion.</param>
/// <param name="BoundedArray">The array/span/string <c>X</c> of a canonical <c>i &lt; X.Length</c> loop.</param>
/// <param name="Pattern">How it was recognised, for descriptions ("counter", "binary search").</param>
internal sealed record LoopShape(
    ISymbol? Variable,
    Poly Start,
    double Step,
    Poly Last,
    Poly Trips,
    ISymbol? BoundedArray,
    string Pattern);
