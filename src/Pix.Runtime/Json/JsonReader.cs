using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Pix.Json;

/// <summary>
/// A strict RFC 8259 reader producing a <see cref="JsonNode"/> tree whose nodes know their line and
/// column. No comments, no trailing commas, no duplicate property names, no NaN or Infinity, and
/// numbers must fit a double. Recursive descent bounded by <see cref="JsonReaderOptions.MaxDepth"/>.
/// </summary>
internal sealed class JsonReader
{
    private readonly string _text;
    private readonly string _source;
    private readonly JsonReaderOptions _options;
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private int _depth;

    private JsonReader(string text, string source, JsonReaderOptions options)
    {
        _text = text;
        _source = source;
        _options = options;
    }

    /// <summary>Parses one JSON document.</summary>
    /// <param name="text">The whole text; a leading byte-order mark is ignored.</param>
    /// <param name="sourceName">Names the text in error messages (usually the file path).</param>
    /// <param name="options">Limits; <see cref="JsonReaderOptions.Default"/> when null.</param>
    /// <exception cref="JsonFormatException">The text is not one well-formed JSON value within the limits.</exception>
    public static JsonNode Parse(string text, string sourceName, JsonReaderOptions? options = null)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        options ??= JsonReaderOptions.Default;
        if (text.Length > options.MaxLength)
        {
            throw new JsonFormatException(sourceName, 0, 0, 0, $"the text is {text.Length} characters long; the limit is {options.MaxLength}");
        }

        var reader = new JsonReader(text, sourceName, options);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            reader._pos = 1;
            reader._lineStart = 1;
        }

        reader.SkipWhitespace();
        if (reader.AtEnd)
        {
            throw reader.Error("the text is empty; expected a JSON value");
        }

        JsonNode root = reader.ReadValue();
        reader.SkipWhitespace();
        if (!reader.AtEnd)
        {
            throw reader.Error($"expected the end of the text after the JSON value, found {reader.DescribeCurrent()}");
        }

        return root;
    }

    private bool AtEnd => _pos >= _text.Length;

    private JsonPosition Here => new(_line, _pos - _lineStart + 1, _pos);

    private JsonNode ReadValue()
    {
        char c = _text[_pos];
        switch (c)
        {
            case '{':
                return ReadObject();
            case '[':
                return ReadArray();
            case '"':
            {
                JsonPosition at = Here;
                return new JsonString(ReadString(), at);
            }

            case 't':
                return ReadLiteral("true", new JsonBoolean(true, Here));
            case 'f':
                return ReadLiteral("false", new JsonBoolean(false, Here));
            case 'n':
                return ReadLiteral("null", new JsonNull(Here));
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ReadNumber();
                }

                throw Error($"expected a JSON value, found {DescribeCurrent()}");
        }
    }

    private JsonObject ReadObject()
    {
        JsonPosition start = Here;
        Enter();
        _pos++; // '{'
        var properties = new List<JsonProperty>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        SkipWhitespace();
        if (!AtEnd && _text[_pos] == '}')
        {
            _pos++;
            _depth--;
            return new JsonObject(properties, start);
        }

        while (true)
        {
            SkipWhitespace();
            if (AtEnd || _text[_pos] != '"')
            {
                throw Error($"expected a property name in double quotes, found {DescribeCurrent()}");
            }

            JsonPosition namePosition = Here;
            string name = ReadString();
            if (!seen.Add(name))
            {
                throw new JsonFormatException(_source, namePosition, $"duplicate property '{name}'");
            }

            SkipWhitespace();
            if (AtEnd || _text[_pos] != ':')
            {
                throw Error($"expected ':' after property name '{name}', found {DescribeCurrent()}");
            }

            _pos++;
            SkipWhitespace();
            if (AtEnd)
            {
                throw Error($"expected a value for property '{name}', found the end of the text");
            }

            properties.Add(new JsonProperty(name, ReadValue(), namePosition));
            SkipWhitespace();
            if (AtEnd)
            {
                throw Error("expected ',' or '}' after a property value, found the end of the text (the object opened at " + start + " is not closed)");
            }

            char c = _text[_pos++];
            if (c == '}')
            {
                _depth--;
                return new JsonObject(properties, start);
            }

            if (c != ',')
            {
                _pos--;
                throw Error($"expected ',' or '}}' after a property value, found {DescribeCurrent()}");
            }

            SkipWhitespace();
            if (!AtEnd && _text[_pos] == '}')
            {
                throw Error("expected a property name after ',', found '}' (trailing commas are not allowed)");
            }
        }
    }

    private JsonArray ReadArray()
    {
        JsonPosition start = Here;
        Enter();
        _pos++; // '['
        var items = new List<JsonNode>();
        SkipWhitespace();
        if (!AtEnd && _text[_pos] == ']')
        {
            _pos++;
            _depth--;
            return new JsonArray(items, start);
        }

        while (true)
        {
            SkipWhitespace();
            if (AtEnd)
            {
                throw Error("expected an array element, found the end of the text (the array opened at " + start + " is not closed)");
            }

            if (_text[_pos] == ']')
            {
                throw Error("expected an array element after ',', found ']' (trailing commas are not allowed)");
            }

            items.Add(ReadValue());
            SkipWhitespace();
            if (AtEnd)
            {
                throw Error("expected ',' or ']' after an array element, found the end of the text (the array opened at " + start + " is not closed)");
            }

            char c = _text[_pos++];
            if (c == ']')
            {
                _depth--;
                return new JsonArray(items, start);
            }

            if (c != ',')
            {
                _pos--;
                throw Error($"expected ',' or ']' after an array element, found {DescribeCurrent()}");
            }
        }
    }

    private void Enter()
    {
        if (++_depth > _options.MaxDepth)
        {
            throw Error($"objects and arrays are nested more than {_options.MaxDepth} deep");
        }
    }

    private string ReadString()
    {
        JsonPosition start = Here;
        _pos++; // opening quote
        StringBuilder? builder = null;
        int runStart = _pos;
        while (true)
        {
            if (AtEnd)
            {
                throw new JsonFormatException(_source, start, "the string starting here is not closed before the end of the text");
            }

            char c = _text[_pos];
            if (c == '"')
            {
                string value = builder is null
                    ? _text.Substring(runStart, _pos - runStart)
                    : builder.Append(_text, runStart, _pos - runStart).ToString();
                _pos++;
                return value;
            }

            if (c < 0x20)
            {
                throw Error(c == '\n'
                    ? "the string is not closed before the end of the line (a line break inside a string must be written \\n)"
                    : $"control character U+{(int)c:X4} inside a string must be escaped");
            }

            if (c != '\\')
            {
                _pos++;
                continue;
            }

            builder ??= new StringBuilder();
            builder.Append(_text, runStart, _pos - runStart);
            _pos++;
            if (AtEnd)
            {
                throw new JsonFormatException(_source, start, "the string starting here is not closed before the end of the text");
            }

            char e = _text[_pos++];
            switch (e)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u': builder.Append(ReadHex4()); break;
                default:
                    _pos -= 2; // point at the backslash
                    throw Error($"invalid escape sequence '\\{e}' in a string");
            }

            runStart = _pos;
        }
    }

    private char ReadHex4()
    {
        if (_pos + 4 > _text.Length)
        {
            throw Error("a \\u escape needs four hexadecimal digits");
        }

        int value = 0;
        for (int i = 0; i < 4; i++)
        {
            char h = _text[_pos];
            int digit = h >= '0' && h <= '9' ? h - '0'
                : h >= 'a' && h <= 'f' ? h - 'a' + 10
                : h >= 'A' && h <= 'F' ? h - 'A' + 10
                : -1;
            if (digit < 0)
            {
                throw Error($"a \\u escape needs four hexadecimal digits, found {DescribeCurrent()}");
            }

            value = (value << 4) | digit;
            _pos++;
        }

        return (char)value;
    }

    private JsonNumber ReadNumber()
    {
        JsonPosition start = Here;
        int begin = _pos;
        if (_text[_pos] == '-')
        {
            _pos++;
        }

        if (AtEnd || !IsDigit(_text[_pos]))
        {
            throw Error($"expected a digit in the number, found {DescribeCurrent()}");
        }

        if (_text[_pos] == '0')
        {
            _pos++;
            if (!AtEnd && IsDigit(_text[_pos]))
            {
                throw Error("numbers must not have leading zeros");
            }
        }
        else
        {
            SkipDigits();
        }

        if (!AtEnd && _text[_pos] == '.')
        {
            _pos++;
            if (AtEnd || !IsDigit(_text[_pos]))
            {
                throw Error($"expected a digit after the decimal point, found {DescribeCurrent()}");
            }

            SkipDigits();
        }

        if (!AtEnd && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            _pos++;
            if (!AtEnd && (_text[_pos] == '+' || _text[_pos] == '-'))
            {
                _pos++;
            }

            if (AtEnd || !IsDigit(_text[_pos]))
            {
                throw Error($"expected a digit in the exponent, found {DescribeCurrent()}");
            }

            SkipDigits();
        }

        int length = _pos - begin;
        if (length > _options.MaxNumberLength)
        {
            throw new JsonFormatException(_source, start, $"the number is {length} characters long; the limit is {_options.MaxNumberLength}");
        }

        string token = _text.Substring(begin, length);
        double value;
        try
        {
            value = double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            // .NET Framework throws here; .NET Core returns infinity (handled below).
            value = double.PositiveInfinity;
        }

        if (double.IsInfinity(value))
        {
            throw new JsonFormatException(_source, start, $"the number {token} is too large to represent");
        }

        return new JsonNumber(value, token, start);
    }

    private void SkipDigits()
    {
        while (!AtEnd && IsDigit(_text[_pos]))
        {
            _pos++;
        }
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private JsonNode ReadLiteral(string literal, JsonNode node)
    {
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            throw Error($"expected a JSON value, found {DescribeCurrent()}");
        }

        _pos += literal.Length;
        if (!AtEnd && char.IsLetterOrDigit(_text[_pos]))
        {
            throw Error($"unexpected {DescribeCurrent()} after '{literal}'");
        }

        return node;
    }

    private void SkipWhitespace()
    {
        while (!AtEnd)
        {
            char c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (c == ' ' || c == '\t' || c == '\r')
            {
                _pos++;
            }
            else
            {
                return;
            }
        }
    }

    private string DescribeCurrent()
    {
        if (AtEnd)
        {
            return "the end of the text";
        }

        char c = _text[_pos];
        if (c < 0x20 || c > 0x7E)
        {
            return $"character U+{(int)c:X4}";
        }

        // A word reads better than its first letter ("found 'NaN'", "found 'True'").
        if (char.IsLetter(c))
        {
            int end = _pos;
            while (end < _text.Length && end - _pos < 16 && char.IsLetterOrDigit(_text[end]))
            {
                end++;
            }

            return "'" + _text.Substring(_pos, end - _pos) + "'";
        }

        return "'" + c + "'";
    }

    private JsonFormatException Error(string reason) => new(_source, Here, reason);
}
