using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Pix.ConstantTime;

/// <summary>What the constant-time analysis knows about a library method it cannot see into.</summary>
/// <param name="Kind">The leak a secret argument causes.</param>
/// <param name="Reason">Why it leaks, one clause for the message.</param>
internal sealed record LibraryTiming(ViolationKind Kind, string Reason);

/// <summary>
/// The constant-time facts about library methods, kept as data: which run in data-dependent time
/// (and why), which look memory up by key, and which return only the shape of their input. Every
/// other library method is taken to run in time independent of its data and to pass the taint of
/// its inputs to its result and to every buffer it can write (ref/out arguments, spans, arrays).
/// </summary>
internal static class LibraryModel
{
    private const string FirstDifference = "it returns at the first difference";
    private const string Search = "it stops at the first match";
    private const string TableCodec = "it decodes or encodes through lookup tables and rejects bad input early";
    private const string BigIntegerArithmetic = "its running time depends on the values' magnitudes and bits";
    private const string Formatting = "its running time depends on the number of digits and on the characters";
    private const string HashLookup = "the bucket it reads is chosen by the key's hash";

    /// <summary>(metadata name of the containing type, method name) → timing. "*" matches any method name.</summary>
    private static readonly Dictionary<(string Type, string Method), LibraryTiming> Timings = Build(
        ("System.MemoryExtensions", "SequenceEqual", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.MemoryExtensions", "SequenceCompareTo", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.MemoryExtensions", "StartsWith", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.MemoryExtensions", "EndsWith", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.MemoryExtensions", "CommonPrefixLength", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.MemoryExtensions", "Equals", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.MemoryExtensions", "CompareTo", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.MemoryExtensions", "IndexOf", ViolationKind.VariableTimeApi, Search),
        ("System.MemoryExtensions", "IndexOfAny", ViolationKind.VariableTimeApi, Search),
        ("System.MemoryExtensions", "IndexOfAnyExcept", ViolationKind.VariableTimeApi, Search),
        ("System.MemoryExtensions", "LastIndexOf", ViolationKind.VariableTimeApi, Search),
        ("System.MemoryExtensions", "Contains", ViolationKind.VariableTimeApi, Search),
        ("System.MemoryExtensions", "ContainsAny", ViolationKind.VariableTimeApi, Search),
        ("System.MemoryExtensions", "BinarySearch", ViolationKind.VariableTimeApi, Search),
        ("System.Linq.Enumerable", "SequenceEqual", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.Linq.Enumerable", "Contains", ViolationKind.VariableTimeApi, Search),
        ("System.String", "Equals", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.String", "op_Equality", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.String", "op_Inequality", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.String", "Compare", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.String", "CompareOrdinal", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.String", "CompareTo", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.String", "StartsWith", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.String", "EndsWith", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.String", "IndexOf", ViolationKind.VariableTimeApi, Search),
        ("System.String", "IndexOfAny", ViolationKind.VariableTimeApi, Search),
        ("System.String", "LastIndexOf", ViolationKind.VariableTimeApi, Search),
        ("System.String", "Contains", ViolationKind.VariableTimeApi, Search),
        ("System.String", "Replace", ViolationKind.VariableTimeApi, Search),
        ("System.String", "Split", ViolationKind.VariableTimeApi, Search),
        ("System.Array", "IndexOf", ViolationKind.VariableTimeApi, Search),
        ("System.Array", "LastIndexOf", ViolationKind.VariableTimeApi, Search),
        ("System.Array", "BinarySearch", ViolationKind.VariableTimeApi, Search),
        ("System.Array", "Exists", ViolationKind.VariableTimeApi, Search),
        ("System.Array", "Find", ViolationKind.VariableTimeApi, Search),
        ("System.Array", "Sort", ViolationKind.VariableTimeApi, "it compares and swaps depending on the values"),
        ("System.Numerics.BigInteger", "ModPow", ViolationKind.VariableTimeApi, "it is square-and-multiply over the exponent's bits"),
        ("System.Numerics.BigInteger", "Pow", ViolationKind.VariableTimeApi, BigIntegerArithmetic),
        ("System.Numerics.BigInteger", "Divide", ViolationKind.VariableTimeApi, BigIntegerArithmetic),
        ("System.Numerics.BigInteger", "DivRem", ViolationKind.VariableTimeApi, BigIntegerArithmetic),
        ("System.Numerics.BigInteger", "Remainder", ViolationKind.VariableTimeApi, BigIntegerArithmetic),
        ("System.Numerics.BigInteger", "op_Division", ViolationKind.VariableTimeApi, BigIntegerArithmetic),
        ("System.Numerics.BigInteger", "op_Modulus", ViolationKind.VariableTimeApi, BigIntegerArithmetic),
        ("System.Numerics.BigInteger", "GreatestCommonDivisor", ViolationKind.VariableTimeApi, BigIntegerArithmetic),
        ("System.Numerics.BigInteger", "op_Equality", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.Numerics.BigInteger", "op_Inequality", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.Numerics.BigInteger", "CompareTo", ViolationKind.VariableTimeApi, FirstDifference),
        ("System.Numerics.BigInteger", "Parse", ViolationKind.VariableTimeApi, Formatting),
        ("System.Numerics.BigInteger", "ToString", ViolationKind.VariableTimeApi, Formatting),
        ("System.Convert", "FromBase64String", ViolationKind.VariableTimeApi, TableCodec),
        ("System.Convert", "FromBase64CharArray", ViolationKind.VariableTimeApi, TableCodec),
        ("System.Convert", "TryFromBase64String", ViolationKind.VariableTimeApi, TableCodec),
        ("System.Convert", "TryFromBase64Chars", ViolationKind.VariableTimeApi, TableCodec),
        ("System.Convert", "ToBase64String", ViolationKind.VariableTimeApi, TableCodec),
        ("System.Convert", "TryToBase64Chars", ViolationKind.VariableTimeApi, TableCodec),
        ("System.Convert", "FromHexString", ViolationKind.VariableTimeApi, TableCodec),
        ("System.Convert", "ToHexString", ViolationKind.VariableTimeApi, TableCodec),
        ("System.Convert", "ToHexStringLower", ViolationKind.VariableTimeApi, TableCodec),
        ("System.Buffers.Text.Base64", "*", ViolationKind.VariableTimeApi, TableCodec),
        ("System.Int32", "Parse", ViolationKind.VariableTimeApi, Formatting),
        ("System.Int32", "TryParse", ViolationKind.VariableTimeApi, Formatting),
        ("System.Int32", "ToString", ViolationKind.VariableTimeApi, Formatting),
        ("System.Int64", "ToString", ViolationKind.VariableTimeApi, Formatting),
        ("System.UInt32", "ToString", ViolationKind.VariableTimeApi, Formatting),
        ("System.UInt64", "ToString", ViolationKind.VariableTimeApi, Formatting),
        ("System.Text.Encoding", "GetString", ViolationKind.VariableTimeApi, "its ASCII fast path depends on the bytes"),
        ("System.Text.Encoding", "GetBytes", ViolationKind.VariableTimeApi, "its ASCII fast path depends on the characters"),
        ("System.Collections.Generic.Dictionary`2", "TryGetValue", ViolationKind.MemoryIndex, HashLookup),
        ("System.Collections.Generic.Dictionary`2", "ContainsKey", ViolationKind.MemoryIndex, HashLookup),
        ("System.Collections.Generic.Dictionary`2", "get_Item", ViolationKind.MemoryIndex, HashLookup),
        ("System.Collections.Generic.Dictionary`2", "set_Item", ViolationKind.MemoryIndex, HashLookup),
        ("System.Collections.Generic.Dictionary`2", "Remove", ViolationKind.MemoryIndex, HashLookup),
        ("System.Collections.Generic.Dictionary`2", "TryAdd", ViolationKind.MemoryIndex, HashLookup),
        ("System.Collections.Generic.HashSet`1", "Contains", ViolationKind.MemoryIndex, HashLookup),
        ("System.Collections.Generic.HashSet`1", "Add", ViolationKind.MemoryIndex, HashLookup),
        ("System.Collections.Generic.SortedDictionary`2", "TryGetValue", ViolationKind.MemoryIndex, "it walks a tree by comparing keys"),
        ("System.Collections.Generic.SortedDictionary`2", "get_Item", ViolationKind.MemoryIndex, "it walks a tree by comparing keys"),
        ("System.Collections.Generic.List`1", "Contains", ViolationKind.VariableTimeApi, Search),
        ("System.Collections.Generic.List`1", "IndexOf", ViolationKind.VariableTimeApi, Search),
        ("System.Math", "Min", ViolationKind.Branch, "the JIT compiles it to a compare and branch"),
        ("System.Math", "Max", ViolationKind.Branch, "the JIT compiles it to a compare and branch"),
        ("System.Math", "Clamp", ViolationKind.Branch, "the JIT compiles it to compares and branches"),
        ("System.Math", "DivRem", ViolationKind.VariableLatencyOperation, "integer division takes operand-dependent time"));

    /// <summary>Members whose result is the shape of their input (its length), not its data.</summary>
    private static readonly HashSet<string> ShapeMembers = new(StringComparer.Ordinal)
    {
        "Length", "LongLength", "Count", "IsEmpty", "Rank", "GetLength", "GetType", "ReferenceEquals",
    };

    /// <summary>Element accesses through these types' indexers are memory accesses like an array's.</summary>
    private static readonly HashSet<string> IndexedMemory = new(StringComparer.Ordinal)
    {
        "System.Span`1", "System.ReadOnlySpan`1", "System.Collections.Generic.List`1", "System.String",
        "System.Memory`1", "System.ReadOnlyMemory`1",
    };

    /// <summary>What is known about <paramref name="method"/>'s timing, or null if it is taken to be data-independent.</summary>
    public static LibraryTiming? TimingOf(IMethodSymbol method)
    {
        string type = MetadataName(method.ContainingType);
        return Timings.TryGetValue((type, method.Name), out LibraryTiming? timing) ? timing
            : Timings.TryGetValue((type, "*"), out timing) ? timing
            : null;
    }

    /// <summary>
    /// What is known about a binary operator's timing: a user-defined operator by its method, and
    /// <c>string ==</c>/<c>!=</c>, which the compiler binds as built-in operators that call
    /// <c>string.Equals</c>.
    /// </summary>
    public static LibraryTiming? TimingOf(Microsoft.CodeAnalysis.Operations.IBinaryOperation binary)
    {
        if (binary.OperatorMethod is { } method)
        {
            return TimingOf(method);
        }

        bool isString = binary.LeftOperand.Type?.SpecialType == SpecialType.System_String && binary.RightOperand.Type?.SpecialType == SpecialType.System_String;
        return isString && binary.OperatorKind is Microsoft.CodeAnalysis.Operations.BinaryOperatorKind.Equals or Microsoft.CodeAnalysis.Operations.BinaryOperatorKind.NotEquals
            ? Timings[("System.String", "op_Equality")]
            : null;
    }

    /// <summary>
    /// The timing of formatting a value of <paramref name="type"/> with its <c>ToString</c>, as an
    /// interpolation hole or a string concatenation does; null when that <c>ToString</c> is not listed.
    /// </summary>
    public static LibraryTiming? FormattingOf(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && Timings.TryGetValue((MetadataName(named), "ToString"), out LibraryTiming? timing) ? timing : null;

    /// <summary>True when <paramref name="member"/> returns only the shape of its input (a length, a count).</summary>
    public static bool ReturnsShape(ISymbol member) => ShapeMembers.Contains(member.Name);

    /// <summary>True when an indexer of <paramref name="type"/> reads memory at its index (span, list, string).</summary>
    public static bool IsIndexedMemory(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && IndexedMemory.Contains(MetadataName(named));

    /// <summary><c>System.Collections.Generic.Dictionary`2</c> for any construction of it.</summary>
    public static string MetadataName(INamedTypeSymbol type)
    {
        INamedTypeSymbol definition = type.OriginalDefinition;
        string ns = definition.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : string.Empty;
        return ns + definition.MetadataName;
    }

    private static Dictionary<(string, string), LibraryTiming> Build(params (string Type, string Method, ViolationKind Kind, string Reason)[] entries)
    {
        var map = new Dictionary<(string, string), LibraryTiming>();
        foreach (var (type, method, kind, reason) in entries)
        {
            map.Add((type, method), new LibraryTiming(kind, reason));
        }

        return map;
    }
}
