using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Pix.Extraction.Costs;

/// <summary>
/// What the chain analysis knows about one value: for each variable whose value at the start of
/// the region it depends on, the operations on the longest def-use path from that variable to this
/// value; and the longest path from anything. Values are immutable once built.
/// </summary>
internal sealed class DependencyFlow
{
    private static readonly Dictionary<ISymbol, OperationVector> NoOrigins = new(SymbolEqualityComparer.Default);

    // Never written once the flow is built, so flows may share it.
    private readonly Dictionary<ISymbol, OperationVector> _fromOrigin;

    private DependencyFlow(Dictionary<ISymbol, OperationVector> fromOrigin, OperationVector longest)
    {
        _fromOrigin = fromOrigin;
        Longest = longest;
    }

    /// <summary>A value that depends on nothing (constants, fresh loads of unrelated data).</summary>
    public static DependencyFlow None { get; } = new(NoOrigins, new OperationVector());

    public IReadOnlyDictionary<ISymbol, OperationVector> FromOrigin => _fromOrigin;

    public OperationVector Longest { get; }

    /// <summary>The value of <paramref name="variable"/> as it was when the region started.</summary>
    public static DependencyFlow Origin(ISymbol variable) =>
        new(new Dictionary<ISymbol, OperationVector>(SymbolEqualityComparer.Default) { [variable] = new OperationVector() }, new OperationVector());

    /// <summary>A value computed from <paramref name="operands"/>: every path is the longest among them.</summary>
    public static DependencyFlow Combine(IEnumerable<DependencyFlow> operands)
    {
        // The only operand with origins lends its paths as they are (a copy would hold the same entries in the
        // same order); a second one with origins makes the merged copy.
        Dictionary<ISymbol, OperationVector>? origins = null;
        bool originsShared = false;
        OperationVector longest = new();
        int count = 0;
        DependencyFlow? single = null;
        bool allSame = true;
        foreach (DependencyFlow operand in operands)
        {
            count++;
            allSame &= single is null || ReferenceEquals(single, operand);
            single = operand;
            longest = OperationVector.Longer(longest, operand.Longest);
            if (operand._fromOrigin.Count == 0)
            {
                continue;
            }

            if (origins is null)
            {
                origins = operand._fromOrigin;
                originsShared = true;
                continue;
            }

            if (originsShared)
            {
                origins = new Dictionary<ISymbol, OperationVector>(origins, SymbolEqualityComparer.Default);
                originsShared = false;
            }

            foreach (KeyValuePair<ISymbol, OperationVector> path in operand._fromOrigin)
            {
                origins[path.Key] = origins.TryGetValue(path.Key, out OperationVector? existing)
                    ? OperationVector.Longer(existing, path.Value)
                    : path.Value;
            }
        }

        // One value, or the same value from every operand (a variable no arm of a branch wrote): itself,
        // so that a merge of arms keeps the identity of what the arms did not change.
        if (count == 1 || (count > 1 && allSame))
        {
            return single!;
        }

        return count == 0 ? None : new DependencyFlow(origins ?? NoOrigins, longest);
    }

    public static DependencyFlow Combine(params DependencyFlow[] operands) => Combine((IEnumerable<DependencyFlow>)operands);

    /// <summary>This value fed through <paramref name="operations"/> (added to every path).</summary>
    public DependencyFlow Then(OperationVector operations)
    {
        if (operations.IsEmpty)
        {
            return this;
        }

        // Paths that are one vector (flows share them: a combine lends its operands' paths, the longest is one of
        // them) or are empty (a variable's path from its own start) come out as one vector, made once and shared
        // as flows already share paths: the same counts, without a copy per origin (the analysis's largest allocation).
        var through = new Through(operations);
        var origins = new Dictionary<ISymbol, OperationVector>(_fromOrigin.Count, SymbolEqualityComparer.Default);
        foreach (KeyValuePair<ISymbol, OperationVector> path in _fromOrigin)
        {
            origins[path.Key] = through.Of(path.Value);
        }

        return new DependencyFlow(origins, through.Of(Longest));
    }

    /// <summary>Paths fed through the same operations, each distinct path (by identity; all empty ones as one) once.</summary>
    private struct Through
    {
        private readonly OperationVector _operations;
        private OperationVector? _fromEmpty;
        private List<(OperationVector Path, OperationVector Result)>? _made;

        public Through(OperationVector operations)
        {
            _operations = operations;
            _fromEmpty = null;
            _made = null;
        }

        public OperationVector Of(OperationVector path)
        {
            if (path.IsEmpty)
            {
                // Zeros plus the operations: the operations' counts, as path.Clone().Add(operations) would hold.
                return _fromEmpty ??= _operations.Clone();
            }

            if (_made is not null)
            {
                foreach (var (known, result) in _made)
                {
                    if (ReferenceEquals(known, path))
                    {
                        return result;
                    }
                }
            }

            OperationVector made = path.Clone().Add(_operations);
            (_made ??= new List<(OperationVector, OperationVector)>()).Add((path, made));
            return made;
        }
    }
}
