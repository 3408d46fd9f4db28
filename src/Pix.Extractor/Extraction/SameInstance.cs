using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Pix.Extraction;

/// <summary>
/// Compares by identity. The model's records compare (and hash) their whole tree by value, which a memo
/// keyed by the instances an analysis already holds need not pay for.
/// </summary>
internal sealed class SameInstance<T> : IEqualityComparer<T>
    where T : class
{
    public static readonly SameInstance<T> Comparer = new();

    private SameInstance()
    {
    }

    public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

    public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
}
