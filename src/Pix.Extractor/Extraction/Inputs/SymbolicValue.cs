using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Inputs;

/// <summary>What the extractor knows about the value of a variable or expression in terms of inputs.</summary>
internal abstract record SymbolicValue;

/// <summary>A number, as a polynomial over quantities (and loop variables).</summary>
internal sealed record NumberValue(Poly Value) : SymbolicValue;

/// <summary>
/// A reference or span: where it comes from (<see cref="Path"/>, when it is an input) and its
/// length when that is known without a path (<c>new int[n]</c>, <c>data.Slice(4)</c>).
/// </summary>
/// <param name="Path">The input it is, when it is one.</param>
/// <param name="Length">Its length when known without a path.</param>
/// <param name="SizeMember">The member a size of it is read with (<c>Length</c> or <c>Count</c>), or null when it has none.</param>
internal sealed record ObjectValue(AccessPath? Path, Poly? Length, string? SizeMember = "Length") : SymbolicValue;

/// <summary>A boolean that is a predicate over inputs (a bool parameter, <c>n &gt; 16</c> stored in a local).</summary>
internal sealed record PredicateValue(Guard Guard) : SymbolicValue;
