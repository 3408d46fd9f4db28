using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Json;

/// <summary>
/// Reads the fields of one JSON object against a schema and reports every mismatch as a
/// <see cref="JsonFormatException"/> naming the source, position and the field's path
/// (<c>costs.Load.latencyNs</c>). Readers of Pix files (profiles, baselines) build on this so that
/// their errors all read alike.
/// </summary>
internal readonly struct JsonFields
{
    private readonly string _source;

    public JsonFields(JsonObject obj, string sourceName, string path)
    {
        Object = obj ?? throw new ArgumentNullException(nameof(obj));
        _source = sourceName;
        Path = path;
    }

    /// <summary>The object being read.</summary>
    public JsonObject Object { get; }

    /// <summary>The dotted path of the object from the root ("" for the root).</summary>
    public string Path { get; }

    /// <summary>Names the text in error messages (usually the file path).</summary>
    public string SourceName => _source;

    /// <summary>Views <paramref name="node"/> as the root object of a document.</summary>
    public static JsonFields Root(JsonNode node, string sourceName, string what)
    {
        if (node is not JsonObject obj)
        {
            throw new JsonFormatException(sourceName, node.Position, $"expected {what} to be a JSON object, found {node.KindDescription}");
        }

        return new JsonFields(obj, sourceName, string.Empty);
    }

    /// <summary>The path of a field of this object.</summary>
    public string PathOf(string name) => Path.Length == 0 ? name : Path + "." + name;

    /// <summary>An error at <paramref name="node"/>'s position about the field <paramref name="name"/>.</summary>
    public JsonFormatException Error(JsonNode node, string name, string reason) =>
        new(_source, node.Position, $"{PathOf(name)}: {reason}");

    /// <summary>An error about a property itself (its name), e.g. an unknown key.</summary>
    public JsonFormatException Error(JsonProperty property, string reason) =>
        new(_source, property.NamePosition, $"{PathOf(property.Name)}: {reason}");

    /// <summary>An error at this object's position.</summary>
    public JsonFormatException Error(string reason) =>
        new(_source, Object.Position, (Path.Length == 0 ? string.Empty : Path + ": ") + reason);

    /// <summary>Refuses properties outside <paramref name="known"/> (catches typos such as <c>latencyNS</c>).</summary>
    public void RejectUnknown(params string[] known)
    {
        foreach (JsonProperty property in Object.Properties)
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                throw Error(property, $"unknown property; expected one of {string.Join(", ", known.Select(k => "'" + k + "'"))}");
            }
        }
    }

    public JsonNode Require(string name)
    {
        JsonNode? value = Object[name];
        return value ?? throw Error($"missing required property '{name}'");
    }

    public JsonFields RequireObject(string name)
    {
        JsonNode node = Require(name);
        return node is JsonObject obj
            ? new JsonFields(obj, _source, PathOf(name))
            : throw Error(node, name, $"expected an object, found {node.KindDescription}");
    }

    public JsonFields? OptionalObject(string name)
    {
        JsonNode? node = Object[name];
        return node is null || node is JsonNull ? null : RequireObject(name);
    }

    public JsonArray RequireArray(string name)
    {
        JsonNode node = Require(name);
        return node as JsonArray ?? throw Error(node, name, $"expected an array, found {node.KindDescription}");
    }

    public string RequireString(string name)
    {
        JsonNode node = Require(name);
        return node is JsonString s ? s.Value : throw Error(node, name, $"expected a string, found {node.KindDescription}");
    }

    public string? OptionalString(string name)
    {
        JsonNode? node = Object[name];
        return node is null || node is JsonNull ? null : RequireString(name);
    }

    public double RequireNumber(string name)
    {
        JsonNode node = Require(name);
        return node is JsonNumber n ? n.Value : throw Error(node, name, $"expected a number, found {node.KindDescription}");
    }

    /// <summary>A finite number ≥ 0 (costs, durations, counts as doubles).</summary>
    public double RequireNonNegative(string name)
    {
        double value = RequireNumber(name);
        JsonNumber node = (JsonNumber)Object[name]!;
        // "-0" passes the test (-0.0 >= 0) but would print and divide as a negative zero: store +0.
        return value >= 0 ? value + 0.0 : throw Error(node, name, $"must be a non-negative number; found {node.Text}");
    }

    public long RequireInteger(string name, long min = long.MinValue, long max = long.MaxValue)
    {
        JsonNode node = Require(name);
        if (node is not JsonNumber n || !n.TryGetInt64(out long value))
        {
            throw Error(node, name, $"expected an integer, found {(node is JsonNumber num ? num.Text : node.KindDescription)}");
        }

        return value >= min && value <= max
            ? value
            : throw Error(node, name, $"must be between {min} and {max}; found {value}");
    }

    /// <summary>The properties as (name, child fields) when each value must be an object.</summary>
    public IEnumerable<(JsonProperty Property, JsonFields Fields)> ObjectProperties()
    {
        foreach (JsonProperty property in Object.Properties)
        {
            if (property.Value is not JsonObject obj)
            {
                throw Error(property.Value, property.Name, $"expected an object, found {property.Value.KindDescription}");
            }

            yield return (property, new JsonFields(obj, _source, PathOf(property.Name)));
        }
    }
}
