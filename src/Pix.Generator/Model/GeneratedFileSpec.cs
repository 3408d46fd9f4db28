using Pix.Model;

namespace Pix.Generator.Model;

/// <summary>One generated file: every companion of one containing type, sorted ordinally.</summary>
/// <param name="Type">The containing type.</param>
/// <param name="Methods">Its methods, sorted by name then by interface method ID.</param>
internal sealed record GeneratedFileSpec(ContainingTypeSpec Type, EquatableArray<LatencyMethodSpec> Methods);
