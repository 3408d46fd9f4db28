using System;
using System.Collections.Generic;

namespace Pix.Corpus;

/// <summary>
/// Which methods the timed runs extract: all, those whose key contains <c>--only</c>'s text, and/or those whose key is a
/// line of <c>--only-file</c> (a tail taken from a <c>--times</c> file, replayed alone).
/// </summary>
internal sealed class MethodSelection(string? contains, IEnumerable<string>? keys)
{
    private readonly HashSet<string>? _keys = keys is null ? null : new HashSet<string>(keys, StringComparer.Ordinal);

    public bool Keeps(string key) =>
        (contains is null || key.Contains(contains, StringComparison.Ordinal)) && (_keys is null || _keys.Contains(key));
}
