using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Pix.Extraction.Caching;

/// <summary>
/// Values kept across compilations, grouped by the compilation's <see cref="DeclarationFingerprint"/>:
/// a value stored under one fingerprint is only ever seen by compilations with the same declarations.
/// Bounded: only the <see cref="MaxGenerations"/> most recently used fingerprints are kept (a declaration
/// edit starts a new one; several projects built by one compiler server each have theirs), and a
/// fingerprint holding more than <see cref="MaxEntriesPerGeneration"/> values starts over.
/// </summary>
/// <remarks>Thread-safe: the compiler runs generators and analyzers concurrently.</remarks>
internal sealed class FingerprintedStore<TKey, TValue>
    where TKey : notnull
{
    /// <summary>Fingerprints whose values are kept.</summary>
    public const int MaxGenerations = 4;

    /// <summary>Values per fingerprint beyond which that fingerprint's values are dropped and refilled.</summary>
    public const int MaxEntriesPerGeneration = 50_000;

    private readonly object _gate = new();
    private readonly Dictionary<string, Generation> _generations = new(System.StringComparer.Ordinal);
    private long _clock;

    /// <summary>How many fingerprints have values (tests).</summary>
    public int GenerationCount
    {
        get
        {
            lock (_gate)
            {
                return _generations.Count;
            }
        }
    }

    /// <summary>The value stored under <paramref name="fingerprint"/> and <paramref name="key"/>, if any.</summary>
    public bool TryGet(string fingerprint, TKey key, out TValue? value)
    {
        value = default;
        return GenerationOf(fingerprint, create: false) is Generation generation && generation.Values.TryGetValue(key, out value);
    }

    /// <summary>Stores (or replaces) the value under <paramref name="fingerprint"/> and <paramref name="key"/>.</summary>
    public void Set(string fingerprint, TKey key, TValue value)
    {
        Generation generation = GenerationOf(fingerprint, create: true)!;
        if (generation.Values.Count >= MaxEntriesPerGeneration)
        {
            generation.Values.Clear();
        }

        generation.Values[key] = value;
    }

    /// <summary>Forgets everything (tests).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _generations.Clear();
        }
    }

    private Generation? GenerationOf(string fingerprint, bool create)
    {
        lock (_gate)
        {
            if (_generations.TryGetValue(fingerprint, out Generation? generation))
            {
                generation.LastUsed = ++_clock;
                return generation;
            }

            if (!create)
            {
                return null;
            }

            if (_generations.Count >= MaxGenerations)
            {
                string oldest = "";
                long oldestUse = long.MaxValue;
                foreach (KeyValuePair<string, Generation> pair in _generations)
                {
                    if (pair.Value.LastUsed < oldestUse)
                    {
                        (oldest, oldestUse) = (pair.Key, pair.Value.LastUsed);
                    }
                }

                _generations.Remove(oldest);
            }

            generation = new Generation { LastUsed = ++_clock };
            _generations.Add(fingerprint, generation);
            return generation;
        }
    }

    private sealed class Generation
    {
        public ConcurrentDictionary<TKey, TValue> Values { get; } = new();

        public long LastUsed { get; set; }
    }
}
