using System;
using System.Collections;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Pix.Extraction.Costs;

/// <summary>
/// A <see cref="DependencyFlow"/>'s paths by the variable each starts from, in the order the variables were first
/// added (the order the <see cref="Dictionary{TKey,TValue}"/> it replaces enumerated them in: ties between equally
/// long paths resolve by it). Immutable once built, so flows share it. Most flows have one to a few origins and one
/// is made per value computed: an array of pairs, looked up linearly, instead of a hash table apiece (its buckets and
/// entries were a tenth of the analysis's allocation); a large set gets an index on its first lookup.
/// </summary>
internal sealed class PathsByOrigin : IReadOnlyDictionary<ISymbol, OperationVector>
{
    // Above this many paths a lookup goes through an index: a linear scan would make merging two large flows quadratic.
    internal const int LinearLookupLimit = 8;

    private readonly KeyValuePair<ISymbol, OperationVector>[] _paths;
    private readonly int _count;
    private Dictionary<ISymbol, int>? _index;

    private PathsByOrigin(KeyValuePair<ISymbol, OperationVector>[] paths, int count)
    {
        _paths = paths;
        _count = count;
    }

    public static PathsByOrigin Empty { get; } = new(Array.Empty<KeyValuePair<ISymbol, OperationVector>>(), 0);

    /// <summary>One path, from <paramref name="origin"/>.</summary>
    public static PathsByOrigin Of(ISymbol origin, OperationVector path) => new(new[] { new KeyValuePair<ISymbol, OperationVector>(origin, path) }, 1);

    public int Count => _count;

    public OperationVector this[ISymbol key] => TryGetValue(key, out OperationVector? path) ? path! : throw new KeyNotFoundException();

    public IEnumerable<ISymbol> Keys
    {
        get
        {
            for (int i = 0; i < _count; i++)
            {
                yield return _paths[i].Key;
            }
        }
    }

    public IEnumerable<OperationVector> Values
    {
        get
        {
            for (int i = 0; i < _count; i++)
            {
                yield return _paths[i].Value;
            }
        }
    }

    public bool ContainsKey(ISymbol key) => IndexOf(key) >= 0;

    public bool TryGetValue(ISymbol key, out OperationVector value)
    {
        int at = IndexOf(key);
        value = at >= 0 ? _paths[at].Value : null!;
        return at >= 0;
    }

    /// <summary>What <see cref="Select{TMap}"/> makes of each path (a struct, passed by reference: it may remember what it made).</summary>
    public interface IPathMap
    {
        OperationVector Map(OperationVector path);
    }

    /// <summary>Every path through <paramref name="map"/>, the origins and their order kept.</summary>
    public PathsByOrigin Select<TMap>(ref TMap map)
        where TMap : struct, IPathMap
    {
        if (_count == 0)
        {
            return this;
        }

        var paths = new KeyValuePair<ISymbol, OperationVector>[_count];
        for (int i = 0; i < _count; i++)
        {
            paths[i] = new KeyValuePair<ISymbol, OperationVector>(_paths[i].Key, map.Map(_paths[i].Value));
        }

        return new PathsByOrigin(paths, _count);
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<ISymbol, OperationVector>> IEnumerable<KeyValuePair<ISymbol, OperationVector>>.GetEnumerator()
    {
        for (int i = 0; i < _count; i++)
        {
            yield return _paths[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<KeyValuePair<ISymbol, OperationVector>>)this).GetEnumerator();

    private int IndexOf(ISymbol key)
    {
        if (_count <= LinearLookupLimit)
        {
            return LinearIndexOf(_paths, _count, key);
        }

        // Built once, by whichever lookup comes first; the set never changes, so a second build would be the same.
        Dictionary<ISymbol, int> index = _index ??= IndexFor(_paths, _count);
        return index.TryGetValue(key, out int at) ? at : -1;
    }

    private static int LinearIndexOf(KeyValuePair<ISymbol, OperationVector>[] paths, int count, ISymbol key)
    {
        for (int i = 0; i < count; i++)
        {
            if (SymbolEqualityComparer.Default.Equals(paths[i].Key, key))
            {
                return i;
            }
        }

        return -1;
    }

    private static Dictionary<ISymbol, int> IndexFor(KeyValuePair<ISymbol, OperationVector>[] paths, int count)
    {
        var index = new Dictionary<ISymbol, int>(count, SymbolEqualityComparer.Default);
        for (int i = 0; i < count; i++)
        {
            index[paths[i].Key] = i;
        }

        return index;
    }

    public struct Enumerator
    {
        private readonly PathsByOrigin _set;
        private int _at;

        internal Enumerator(PathsByOrigin set)
        {
            _set = set;
            _at = -1;
        }

        public KeyValuePair<ISymbol, OperationVector> Current => _set._paths[_at];

        public bool MoveNext() => ++_at < _set._count;
    }

    /// <summary>
    /// The union of several sets, where a path from an origin already present is replaced by the longer of the two
    /// (<see cref="OperationVector.Longer"/>, ties keep the first) in its place, and a new origin goes last: what
    /// the dictionary did, entry for entry. The first set is lent, not copied, until a second one comes.
    /// </summary>
    public struct Union
    {
        private PathsByOrigin? _lent;
        private KeyValuePair<ISymbol, OperationVector>[]? _paths;
        private int _count;
        private Dictionary<ISymbol, int>? _index;

        public void Add(PathsByOrigin other)
        {
            if (other._count == 0)
            {
                return;
            }

            if (_lent is null && _paths is null)
            {
                _lent = other;
                return;
            }

            if (_paths is null)
            {
                _paths = new KeyValuePair<ISymbol, OperationVector>[_lent!._count + other._count];
                Array.Copy(_lent._paths, _paths, _lent._count);
                _count = _lent._count;
                _lent = null;
            }

            for (int i = 0; i < other._count; i++)
            {
                KeyValuePair<ISymbol, OperationVector> path = other._paths[i];
                int at = IndexOf(path.Key);
                if (at >= 0)
                {
                    // The key first added stays, as a dictionary's indexer keeps it.
                    _paths[at] = new KeyValuePair<ISymbol, OperationVector>(_paths[at].Key, OperationVector.Longer(_paths[at].Value, path.Value));
                    continue;
                }

                if (_count == _paths.Length)
                {
                    Array.Resize(ref _paths, _paths.Length * 2);
                }

                _index?.Add(path.Key, _count);
                _paths[_count++] = path;
            }
        }

        /// <summary>The union; null when every set added was empty.</summary>
        public PathsByOrigin? Result() => _paths is not null ? new PathsByOrigin(_paths, _count) : _lent;

        private int IndexOf(ISymbol key)
        {
            if (_index is null && _count > LinearLookupLimit)
            {
                _index = IndexFor(_paths!, _count);
            }

            return _index is not null ? (_index.TryGetValue(key, out int at) ? at : -1) : LinearIndexOf(_paths!, _count, key);
        }
    }
}
