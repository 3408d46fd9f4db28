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
    // Never written once the flow is built, so flows may share it.
    private readonly PathsByOrigin _fromOrigin;

    private DependencyFlow(PathsByOrigin fromOrigin, OperationVector longest)
    {
        _fromOrigin = fromOrigin;
        Longest = longest;
    }

    /// <summary>A value that depends on nothing (constants, fresh loads of unrelated data).</summary>
    public static DependencyFlow None { get; } = new(PathsByOrigin.Empty, new OperationVector());

    public PathsByOrigin FromOrigin => _fromOrigin;

    public OperationVector Longest { get; }

    /// <summary>The value of <paramref name="variable"/> as it was when the region started.</summary>
    public static DependencyFlow Origin(ISymbol variable) => new(PathsByOrigin.Of(variable, new OperationVector()), new OperationVector());

    /// <summary>A value computed from <paramref name="operands"/>: every path is the longest among them.</summary>
    public static DependencyFlow Combine(IEnumerable<DependencyFlow> operands)
    {
        // The only operand with origins lends its paths as they are (a copy would hold the same entries in the
        // same order); a second one with origins makes the merged copy.
        var origins = new PathsByOrigin.Union();
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
            origins.Add(operand._fromOrigin);
        }

        // One value, or the same value from every operand (a variable no arm of a branch wrote): itself,
        // so that a merge of arms keeps the identity of what the arms did not change.
        if (count == 1 || (count > 1 && allSame))
        {
            return single!;
        }

        return count == 0 ? None : new DependencyFlow(origins.Result() ?? PathsByOrigin.Empty, longest);
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
        PathsByOrigin origins = _fromOrigin.Select(ref through);
        return new DependencyFlow(origins, through.Of(Longest));
    }

    /// <summary>Paths fed through the same operations, each distinct path (by identity; all empty ones as one) once.</summary>
    private struct Through : PathsByOrigin.IPathMap
    {
        private readonly OperationVector _operations;
        private OperationVector? _fromEmpty;

        // The first path made, kept apart: most flows fed through operations have one non-empty path (their longest,
        // shared by their origins), and the list was made for it alone.
        private (OperationVector Path, OperationVector Result)? _first;
        private List<(OperationVector Path, OperationVector Result)>? _made;

        public Through(OperationVector operations)
        {
            _operations = operations;
            _fromEmpty = null;
            _first = null;
            _made = null;
        }

        public OperationVector Map(OperationVector path) => Of(path);

        public OperationVector Of(OperationVector path)
        {
            if (path.IsEmpty)
            {
                // Zeros plus the operations: the operations' counts, as path.Clone().Add(operations) would hold.
                return _fromEmpty ??= _operations.Clone();
            }

            if (_first is { } first && ReferenceEquals(first.Path, path))
            {
                return first.Result;
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
            if (_first is null)
            {
                _first = (path, made);
            }
            else
            {
                (_made ??= new List<(OperationVector, OperationVector)>()).Add((path, made));
            }

            return made;
        }
    }
}
