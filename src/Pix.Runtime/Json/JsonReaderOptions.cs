namespace Pix.Json;

/// <summary>Limits that keep a hostile or broken file from exhausting the stack or memory.</summary>
internal sealed record JsonReaderOptions
{
    /// <summary>The defaults: depth 64, 16 Mi characters, number tokens of at most 64 characters.</summary>
    public static JsonReaderOptions Default { get; } = new();

    /// <summary>Deepest nesting of objects and arrays allowed (the root container is depth 1).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Longest text accepted, in UTF-16 code units.</summary>
    public int MaxLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>Longest number token accepted (a defence against megabyte-long digit strings).</summary>
    public int MaxNumberLength { get; init; } = 64;
}
