using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Pix.Json;

/// <summary>
/// Writes deterministic JSON: two-space indentation, LF line ends, a final newline, properties in
/// the order they are written (or sorted ordinally with <see cref="Write(JsonNode, bool)"/>),
/// numbers in invariant round-trip form. Two runs over the same data give byte-identical text, so
/// committed files diff cleanly. Misuse (a value where a property name is due, an unclosed object)
/// throws <see cref="InvalidOperationException"/>: it is a bug in the caller, not bad input.
/// </summary>
internal sealed class JsonWriter
{
    private readonly StringBuilder _out = new();
    private readonly Stack<Frame> _frames = new();
    private bool _rootWritten;

    private enum Container
    {
        Object,
        Array,
    }

    /// <summary>Formats a finite double the way the writer does ("R", invariant, integers without ".0").</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or infinity (JSON has no such numbers).</exception>
    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON cannot represent NaN or infinity.");
        }

        // "R" round-trips on every target; it may print "1E-05", which is valid JSON.
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Escapes a string as a JSON string literal, quotes included.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        AppendQuoted(builder, value);
        return builder.ToString();
    }

    public JsonWriter WriteStartObject() => Open(Container.Object, '{');

    public JsonWriter WriteEndObject() => Close(Container.Object, '}');

    public JsonWriter WriteStartArray() => Open(Container.Array, '[');

    public JsonWriter WriteEndArray() => Close(Container.Array, ']');

    /// <summary>Writes a property name; the next call writes its value.</summary>
    public JsonWriter WritePropertyName(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        if (_frames.Count == 0 || _frames.Peek().Kind != Container.Object || _frames.Peek().NameWritten)
        {
            throw new InvalidOperationException($"A property name ('{name}') can only be written directly inside an object.");
        }

        Frame frame = _frames.Peek();
        BeginItem(frame);
        AppendQuoted(_out, name);
        _out.Append(": ");
        frame.NameWritten = true;
        return this;
    }

    public JsonWriter WriteStringValue(string value)
    {
        BeforeValue();
        AppendQuoted(_out, value ?? throw new ArgumentNullException(nameof(value)));
        return this;
    }

    public JsonWriter WriteNumberValue(double value)
    {
        string text = FormatNumber(value);
        BeforeValue();
        _out.Append(text);
        return this;
    }

    public JsonWriter WriteNumberValue(long value)
    {
        BeforeValue();
        _out.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public JsonWriter WriteBooleanValue(bool value)
    {
        BeforeValue();
        _out.Append(value ? "true" : "false");
        return this;
    }

    public JsonWriter WriteNullValue()
    {
        BeforeValue();
        _out.Append("null");
        return this;
    }

    public JsonWriter WriteString(string name, string value) => WritePropertyName(name).WriteStringValue(value);

    public JsonWriter WriteNumber(string name, double value) => WritePropertyName(name).WriteNumberValue(value);

    public JsonWriter WriteNumber(string name, long value) => WritePropertyName(name).WriteNumberValue(value);

    public JsonWriter WriteBoolean(string name, bool value) => WritePropertyName(name).WriteBooleanValue(value);

    /// <summary>Writes a node tree; with <paramref name="sortProperties"/>, object properties in ordinal order.</summary>
    public JsonWriter Write(JsonNode node, bool sortProperties = false)
    {
        switch (node)
        {
            case JsonObject obj:
                WriteStartObject();
                IEnumerable<JsonProperty> properties = sortProperties
                    ? obj.Properties.OrderBy(p => p.Name, StringComparer.Ordinal)
                    : obj.Properties;
                foreach (JsonProperty property in properties)
                {
                    WritePropertyName(property.Name);
                    Write(property.Value, sortProperties);
                }

                return WriteEndObject();
            case JsonArray array:
                WriteStartArray();
                foreach (JsonNode item in array.Items)
                {
                    Write(item, sortProperties);
                }

                return WriteEndArray();
            case JsonString s:
                return WriteStringValue(s.Value);
            case JsonNumber n:
                // Keep the text of numbers that were read, so a read-write cycle changes nothing.
                BeforeValue();
                _out.Append(n.Text);
                return this;
            case JsonBoolean b:
                return WriteBooleanValue(b.Value);
            case JsonNull:
                return WriteNullValue();
            default:
                throw new ArgumentNullException(nameof(node));
        }
    }

    /// <summary>The finished document, ending with a newline.</summary>
    /// <exception cref="InvalidOperationException">No value was written, or an object or array is still open.</exception>
    public override string ToString()
    {
        if (!_rootWritten || _frames.Count > 0)
        {
            throw new InvalidOperationException("The JSON document is incomplete: " +
                (_rootWritten ? $"{_frames.Count} object(s) or array(s) are still open." : "nothing was written."));
        }

        return _out.ToString() + "\n";
    }

    /// <summary>Serialises one node tree to a document.</summary>
    public static string Serialize(JsonNode node, bool sortProperties = false) =>
        new JsonWriter().Write(node, sortProperties).ToString();

    private JsonWriter Open(Container kind, char bracket)
    {
        BeforeValue();
        _out.Append(bracket);
        _frames.Push(new Frame(kind));
        return this;
    }

    private JsonWriter Close(Container kind, char bracket)
    {
        if (_frames.Count == 0 || _frames.Peek().Kind != kind)
        {
            throw new InvalidOperationException($"'{bracket}' does not close an open {kind.ToString().ToLowerInvariant()}.");
        }

        Frame frame = _frames.Pop();
        if (frame.NameWritten)
        {
            throw new InvalidOperationException("The last property of the object has a name but no value.");
        }

        if (frame.Count > 0)
        {
            NewLine(_frames.Count);
        }

        _out.Append(bracket);
        return this;
    }

    private void BeforeValue()
    {
        if (_frames.Count == 0)
        {
            if (_rootWritten)
            {
                throw new InvalidOperationException("A JSON document holds a single root value.");
            }

            _rootWritten = true;
            return;
        }

        Frame frame = _frames.Peek();
        if (frame.Kind == Container.Object)
        {
            if (!frame.NameWritten)
            {
                throw new InvalidOperationException("Inside an object, write a property name before each value.");
            }

            frame.NameWritten = false;
            return;
        }

        BeginItem(frame);
    }

    private void BeginItem(Frame frame)
    {
        if (frame.Count > 0)
        {
            _out.Append(',');
        }

        frame.Count++;
        NewLine(_frames.Count);
    }

    private void NewLine(int depth) => _out.Append('\n').Append(' ', depth * 2);

    private static void AppendQuoted(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20 || IsLoneSurrogate(value, i))
                    {
                        // Lone surrogates would make the UTF-8 file invalid; escape them instead.
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                        if (char.IsHighSurrogate(c))
                        {
                            builder.Append(value[++i]);
                        }
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private static bool IsLoneSurrogate(string s, int i)
    {
        char c = s[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]);
        }

        return char.IsLowSurrogate(c);
    }

    private sealed class Frame
    {
        public Frame(Container kind) => Kind = kind;

        public Container Kind { get; }

        public int Count { get; set; }

        public bool NameWritten { get; set; }
    }
}
