using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace Pix.Model;

/// <summary>
/// An immutable array with value equality, so that records holding it compare by content. This is
/// what lets the incremental generator cache models: two extractions of unchanged code are equal.
/// </summary>
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    private readonly T[]? _items;

    /// <summary>Wraps <paramref name="items"/> (copied).</summary>
    public EquatableArray(IEnumerable<T> items) => _items = items.ToArray();

    private EquatableArray(T[] items, bool _) => _items = items;

    /// <summary>The empty array.</summary>
    public static EquatableArray<T> Empty => default;

    /// <summary>Number of items.</summary>
    public int Count => _items?.Length ?? 0;

    /// <summary>True when there are no items.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>The item at <paramref name="index"/>.</summary>
    public T this[int index] => (_items ?? Array.Empty<T>())[index];

    /// <summary>The items as a span.</summary>
    public ReadOnlySpan<T> AsSpan() => _items;

    /// <summary>Creates an array that owns <paramref name="items"/> (not copied: do not mutate it after).</summary>
    internal static EquatableArray<T> TakeOwnership(T[] items) => new(items, true);

    /// <inheritdoc/>
    public bool Equals(EquatableArray<T> other)
    {
        ReadOnlySpan<T> a = AsSpan();
        ReadOnlySpan<T> b = other.AsSpan();
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = 17;
        foreach (T item in AsSpan())
        {
            hash = unchecked(hash * 31 + (item is null ? 0 : item.GetHashCode()));
        }

        return hash;
    }

    /// <summary>
    /// A struct enumerator, so that <c>foreach</c> over an array allocates nothing: the interface's enumerator was boxed
    /// at every loop, among the extraction's most allocated objects (docs/robustness.md, twenty-second session).
    /// </summary>
    public Enumerator GetEnumerator() => new(_items ?? Array.Empty<T>());

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<T>)this).GetEnumerator();

    /// <summary>Enumerates an <see cref="EquatableArray{T}"/> without allocating.</summary>
    public struct Enumerator
    {
        private readonly T[] _items;
        private int _index;

        internal Enumerator(T[] items)
        {
            _items = items;
            _index = -1;
        }

        /// <summary>The item at the enumerator's position.</summary>
        public readonly T Current => _items[_index];

        /// <summary>Advances to the next item; false past the last.</summary>
        public bool MoveNext() => ++_index < _items.Length;
    }

#pragma warning disable CS1591
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);
#pragma warning restore CS1591

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", this) + "]";
}

/// <summary>Helpers to build <see cref="EquatableArray{T}"/>.</summary>
public static class EquatableArray
{
    /// <summary>Copies <paramref name="items"/> into an equatable array.</summary>
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items);

    /// <summary>Copies <paramref name="items"/> into an equatable array.</summary>
    public static EquatableArray<T> ToEquatableArray<T>(this ImmutableArray<T> items)
        where T : IEquatable<T> => items.IsDefaultOrEmpty ? default : new(items);

    /// <summary>An equatable array of the given items.</summary>
    public static EquatableArray<T> Create<T>(params T[] items)
        where T : IEquatable<T> => new(items);
}
