using System;
using System.Runtime.CompilerServices;

namespace Pix.Extraction.Analysis;

/// <summary>
/// A fact of a symbol (or of any other object of one compilation), computed the first time it is asked and then
/// remembered while the object lives: the analysis asks the same few types and methods at every operation it
/// lowers. Keyed by identity (a symbol that is equal but another instance computes its own, the same, answer);
/// null and value-type answers are remembered too. Only for pure functions of the key.
/// </summary>
internal sealed class PerSymbol<TKey, TValue>
    where TKey : class
{
    private readonly ConditionalWeakTable<TKey, Box> _known = new();
    private readonly ConditionalWeakTable<TKey, Box>.CreateValueCallback _create;

    public PerSymbol(Func<TKey, TValue> compute) => _create = key => new Box(compute(key));

    public TValue this[TKey key] => _known.GetValue(key, _create).Value;

    private sealed class Box(TValue value)
    {
        public TValue Value { get; } = value;
    }
}
