using System;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>One simulated cache level: set-associative, least recently used line evicted, 64-byte lines.</summary>
public sealed class CacheLevel
{
    /// <summary>Bytes per cache line.</summary>
    public const int LineBytes = 64;

    // Each set's lines, most recently used first; -1 marks an empty way.
    private readonly long[] _ways;
    private readonly int _setCount;
    private readonly int _associativity;

    /// <summary>A level of <paramref name="capacityBytes"/> in sets of <paramref name="associativity"/> lines.</summary>
    public CacheLevel(int capacityBytes, int associativity)
    {
        if (associativity <= 0 || capacityBytes <= 0 || capacityBytes % (associativity * LineBytes) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacityBytes), capacityBytes, $"The capacity must be a positive multiple of {associativity} ways of {LineBytes}-byte lines.");
        }

        CapacityBytes = capacityBytes;
        _associativity = associativity;
        _setCount = capacityBytes / (associativity * LineBytes);
        _ways = new long[capacityBytes / LineBytes];
        _ways.AsSpan().Fill(-1);
    }

    /// <summary>The level's size in bytes.</summary>
    public int CapacityBytes { get; }

    /// <summary>Drops every line, as if other code had filled the level with its own.</summary>
    public void Empty() => _ways.AsSpan().Fill(-1);

    /// <summary>Touches one line: true when it was not cached. It becomes its set's most recently used.</summary>
    public bool Touch(long line)
    {
        Span<long> set = _ways.AsSpan((int)(line % _setCount) * _associativity, _associativity);
        int found = set.IndexOf(line);
        int shifted = found < 0 ? set.Length - 1 : found;

        // Move the ways before it down one place (dropping the least recently used on a miss), then put it first.
        set.Slice(0, shifted).CopyTo(set.Slice(1));
        set[0] = line;
        return found < 0;
    }
}
