using System;
using System.Collections;
using System.Collections.Generic;

namespace Pix.Extraction.Costs;

/// <summary>
/// A path's opaque calls by name (ordinal order) and count: a sorted array of pairs instead of the
/// <see cref="SortedDictionary{TKey,TValue}"/> it replaces, which made a tree node per call and a whole tree per copy
/// (a path that adds a call after sharing its calls copies them: <see cref="CostAccumulator.AddOpaque"/>). A path
/// has a few opaque calls, so an insert moving the later pairs costs less than a node; a copy is one array.
/// </summary>
internal sealed class OpaqueCounts : IReadOnlyDictionary<string, double>
{
    private KeyValuePair<string, double>[] _calls;
    private int _count;

    public OpaqueCounts() => _calls = Array.Empty<KeyValuePair<string, double>>();

    private OpaqueCounts(KeyValuePair<string, double>[] calls, int count)
    {
        _calls = calls;
        _count = count;
    }

    public int Count => _count;

    public double this[string key] => TryGetValue(key, out double count) ? count : throw new KeyNotFoundException();

    public IEnumerable<string> Keys
    {
        get
        {
            for (int i = 0; i < _count; i++)
            {
                yield return _calls[i].Key;
            }
        }
    }

    public IEnumerable<double> Values
    {
        get
        {
            for (int i = 0; i < _count; i++)
            {
                yield return _calls[i].Value;
            }
        }
    }

    /// <summary>A copy, written apart from this one, with room for one more call (a copy is made to add one).</summary>
    public OpaqueCounts Copy()
    {
        var calls = new KeyValuePair<string, double>[_count + 1];
        Array.Copy(_calls, calls, _count);
        return new OpaqueCounts(calls, _count);
    }

    /// <summary>Adds <paramref name="count"/> calls of <paramref name="name"/> to those it has.</summary>
    public void Add(string name, double count)
    {
        int at = IndexOf(name);
        if (at >= 0)
        {
            _calls[at] = new KeyValuePair<string, double>(_calls[at].Key, _calls[at].Value + count);
            return;
        }

        at = ~at;
        if (_count == _calls.Length)
        {
            Array.Resize(ref _calls, Math.Max(4, _count * 2));
        }

        Array.Copy(_calls, at, _calls, at + 1, _count - at);
        _calls[at] = new KeyValuePair<string, double>(name, count);
        _count++;
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out double value)
    {
        int at = IndexOf(key);
        value = at >= 0 ? _calls[at].Value : 0;
        return at >= 0;
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, double>> IEnumerable<KeyValuePair<string, double>>.GetEnumerator()
    {
        for (int i = 0; i < _count; i++)
        {
            yield return _calls[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<KeyValuePair<string, double>>)this).GetEnumerator();

    /// <summary>The index of <paramref name="name"/>, or the complement of where it would go.</summary>
    private int IndexOf(string name)
    {
        int low = 0;
        int high = _count - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) >> 1);
            int order = string.CompareOrdinal(_calls[middle].Key, name);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    public struct Enumerator
    {
        private readonly OpaqueCounts _counts;
        private int _at;

        internal Enumerator(OpaqueCounts counts)
        {
            _counts = counts;
            _at = -1;
        }

        public KeyValuePair<string, double> Current => _counts._calls[_at];

        public bool MoveNext() => ++_at < _counts._count;
    }
}
