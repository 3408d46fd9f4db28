using System.Collections.Generic;

namespace Pix.Library;

/// <summary>Where a library model takes the size its per-unit cost scales with.</summary>
internal enum SizeSource
{
    /// <summary>One unit per call.</summary>
    Once,
    /// <summary><c>Length</c>/<c>Count</c> of the receiver (for extension methods: of the first argument).</summary>
    ReceiverSize,
    /// <summary><c>Length</c>/<c>Count</c> of the argument at <see cref="SizedCost.Argument"/>.</summary>
    ArgumentSize,
    /// <summary>The value of the (integer) argument at <see cref="SizedCost.Argument"/>.</summary>
    ArgumentValue,
    /// <summary>The sum of the lengths of all string arguments (<c>string.Concat</c>).</summary>
    TotalArgumentLength,
    /// <summary>The number of arguments (<c>HashCode.Combine</c>).</summary>
    ArgumentCount,
}

/// <summary>How the per-unit cost grows with the size.</summary>
internal enum Scaling
{
    /// <summary>size units.</summary>
    Linear,
    /// <summary><c>log2(size)</c> units (heap and binary-search steps).</summary>
    Logarithmic,
    /// <summary><c>size · log2(size)</c> units (comparison sorts).</summary>
    Linearithmic,
}

/// <summary>
/// A cost that scales: <see cref="PerUnit"/> operations times a size from the call, optionally times
/// the element size in bytes, optionally counted by a PCV (bounded by that size) when how far the
/// operation goes depends on the data (the first mismatch, hash collisions). With a <see cref="Description"/>
/// it is a term of its own, even once per call, that the generated interface describes after the API's name (a
/// striped lock: "…, uncontended; contention is not modelled"). With <see cref="UpTo"/> the size counts at most that many
/// units (<c>min(size, UpTo)</c>): work the API does only below a threshold (an uninitialised chunk is zeroed only while
/// it fits the GC's zeroed allocation context).
/// </summary>
internal sealed record SizedCost(
    IReadOnlyList<(OperationClass Class, double Count)> PerUnit,
    SizeSource Source,
    int Argument = 0,
    Scaling Scaling = Scaling.Linear,
    bool TimesElementBytes = false,
    string? Pcv = null,
    string? PcvDescription = null,
    string? Description = null,
    double? UpTo = null);

/// <summary>
/// The cost model of one library API: a fixed block per call, plus sized costs. Keyed by
/// <see cref="Member"/>, the containing type's metadata name and the member's metadata name
/// (<c>System.Collections.Generic.List`1.Add</c>, <c>System.String.op_Equality</c>); overloads are
/// told apart by <see cref="Parameters"/> when it is set, and by <see cref="FirstParameter"/>
/// (the type of the first parameter) when the count does not (<c>Append(char)</c>, <c>Append(string)</c>).
/// <see cref="DivisorArgument"/> names the argument an inlined API divides by (<c>Math.DivRem</c>): the
/// division is priced as the caller's own <c>/</c> would be, a hardware divide or, by a constant, the
/// JIT's multiply by a magic number. <see cref="DelegateArgument"/> names the argument of a delegate the API calls
/// (<c>ConcurrentDictionary.GetOrAdd(key, factory)</c>): that call is opaque, as a delegate invocation in source is,
/// and a model without one never matches an overload that takes a delegate (it could not price what the delegate runs).
/// </summary>
internal sealed record LibraryModel(
    string Member,
    IReadOnlyList<(OperationClass Class, double Count)> Fixed,
    IReadOnlyList<SizedCost> Sized,
    int? Parameters = null,
    bool HashesKey = false,
    string? OpaqueName = null,
    Microsoft.CodeAnalysis.SpecialType? FirstParameter = null,
    int? DivisorArgument = null,
    int? DelegateArgument = null);
