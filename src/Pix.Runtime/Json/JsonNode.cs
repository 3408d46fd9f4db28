using System;
using System.Collections.Generic;
using System.Globalization;

namespace Pix.Json;

/// <summary>The kind of a <see cref="JsonNode"/>.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>Where a node starts in its source text: 1-based line and column, 0-based character offset.</summary>
internal readonly record struct JsonPosition(int Line, int Column, int Offset)
{
    /// <summary>The position of nodes built in code rather than read from text.</summary>
    public static JsonPosition None => default;

    /// <summary>True when the node was read from text.</summary>
    public bool IsKnown => Line > 0;

    public override string ToString() => IsKnown ? $"line {Line}, column {Column}" : "(no position)";
}

/// <summary>
/// An immutable JSON value read by <see cref="JsonReader"/> or built in code for <see cref="JsonWriter"/>.
/// Nodes read from text remember where they start, so that a schema check can report
/// "line 12, column 5: …" for a bad field rather than only for bad syntax.
/// </summary>
internal abstract class JsonNode
{
    private protected JsonNode(JsonPosition position) => Position = position;

    /// <summary>Where the node starts in its source (or <see cref="JsonPosition.None"/>).</summary>
    public JsonPosition Position { get; }

    /// <summary>What kind of value this is.</summary>
    public abstract JsonKind Kind { get; }

    /// <summary>A short name of the kind for error messages ("an object", "a number", …).</summary>
    public string KindDescription => Describe(Kind);

    internal static string Describe(JsonKind kind) => kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.Boolean => "true or false",
        _ => "null",
    };
}

/// <summary>A JSON object. Keeps the properties in source order; names are unique (the reader refuses duplicates).</summary>
internal sealed class JsonObject : JsonNode
{
    private readonly Dictionary<string, JsonProperty> _byName;

    public JsonObject(IEnumerable<JsonProperty> properties, JsonPosition position = default)
        : base(position)
    {
        var list = new List<JsonProperty>();
        _byName = new Dictionary<string, JsonProperty>(StringComparer.Ordinal);
        foreach (JsonProperty property in properties)
        {
            if (_byName.ContainsKey(property.Name))
            {
                throw new ArgumentException($"Duplicate property name '{property.Name}'.", nameof(properties));
            }

            _byName.Add(property.Name, property);
            list.Add(property);
        }

        Properties = list;
    }

    public override JsonKind Kind => JsonKind.Object;

    /// <summary>The properties in source (or construction) order.</summary>
    public IReadOnlyList<JsonProperty> Properties { get; }

    /// <summary>Finds a property by exact (ordinal) name.</summary>
    public bool TryGetProperty(string name, out JsonProperty property) => _byName.TryGetValue(name, out property!);

    /// <summary>The value of a property, or null when absent.</summary>
    public JsonNode? this[string name] => _byName.TryGetValue(name, out JsonProperty? p) ? p.Value : null;
}

/// <summary>One <c>"name": value</c> pair of a <see cref="JsonObject"/>.</summary>
internal sealed class JsonProperty
{
    public JsonProperty(string name, JsonNode value, JsonPosition namePosition = default)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Value = value ?? throw new ArgumentNullException(nameof(value));
        NamePosition = namePosition;
    }

    public string Name { get; }

    public JsonNode Value { get; }

    /// <summary>Where the property's name starts (errors about the property itself point here).</summary>
    public JsonPosition NamePosition { get; }
}

/// <summary>A JSON array.</summary>
internal sealed class JsonArray : JsonNode
{
    public JsonArray(IEnumerable<JsonNode> items, JsonPosition position = default)
        : base(position) => Items = new List<JsonNode>(items);

    public override JsonKind Kind => JsonKind.Array;

    public IReadOnlyList<JsonNode> Items { get; }
}

/// <summary>A JSON string (escapes resolved).</summary>
internal sealed class JsonString : JsonNode
{
    public JsonString(string value, JsonPosition position = default)
        : base(position) => Value = value ?? throw new ArgumentNullException(nameof(value));

    public override JsonKind Kind => JsonKind.String;

    public string Value { get; }
}

/// <summary>
/// A JSON number. Keeps its source text so integers beyond 2^53 are not silently rounded:
/// <see cref="TryGetInt64"/> reads the text, <see cref="Value"/> is the nearest double.
/// </summary>
internal sealed class JsonNumber : JsonNode
{
    public JsonNumber(double value, JsonPosition position = default)
        : this(value, JsonWriter.FormatNumber(value), position)
    {
    }

    public JsonNumber(long value, JsonPosition position = default)
        : this(value, value.ToString(CultureInfo.InvariantCulture), position)
    {
    }

    internal JsonNumber(double value, string text, JsonPosition position)
        : base(position)
    {
        Value = value;
        Text = text;
    }

    public override JsonKind Kind => JsonKind.Number;

    /// <summary>The nearest double (always finite: the reader refuses numbers out of range).</summary>
    public double Value { get; }

    /// <summary>The number as written in the source (or as the writer will write it).</summary>
    public string Text { get; }

    /// <summary>The value as a 64-bit integer when the text is an integer in range (no fraction, no exponent).</summary>
    public bool TryGetInt64(out long value) =>
        long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}

/// <summary>JSON <c>true</c> or <c>false</c>.</summary>
internal sealed class JsonBoolean : JsonNode
{
    public JsonBoolean(bool value, JsonPosition position = default)
        : base(position) => Value = value;

    public override JsonKind Kind => JsonKind.Boolean;

    public bool Value { get; }
}

/// <summary>JSON <c>null</c>.</summary>
internal sealed class JsonNull : JsonNode
{
    public JsonNull(JsonPosition position = default)
        : base(position)
    {
    }

    public override JsonKind Kind => JsonKind.Null;
}
