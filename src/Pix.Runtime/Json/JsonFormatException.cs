using System;

namespace Pix.Json;

/// <summary>
/// A JSON text is malformed, too large or too deep, or a value in it does not fit the expected
/// schema. The message names the source, the position and what was expected, e.g.
/// <c>machine.pixhw.json: line 12, column 5: expected ',' or '}' after a property, found '"'</c>.
/// </summary>
internal sealed class JsonFormatException : FormatException
{
    /// <summary>Creates the exception for a problem at <paramref name="line"/>:<paramref name="column"/> (1-based; 0 if unknown).</summary>
    public JsonFormatException(string sourceName, int line, int column, int offset, string reason)
        : base(Compose(sourceName, line, column, reason))
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        Offset = offset;
        Reason = reason;
    }

    public JsonFormatException(string sourceName, JsonPosition position, string reason)
        : this(sourceName, position.Line, position.Column, position.Offset, reason)
    {
    }

    /// <summary>The file name (or other description) of the text that was read.</summary>
    public string SourceName { get; }

    /// <summary>1-based line of the problem, 0 when the problem has no position (e.g. the file is too large).</summary>
    public int Line { get; }

    /// <summary>1-based column (in UTF-16 code units) of the problem, 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>0-based character offset of the problem.</summary>
    public int Offset { get; }

    /// <summary>What is wrong, without the source and position.</summary>
    public string Reason { get; }

    private static string Compose(string sourceName, int line, int column, string reason)
    {
        string where = line > 0 ? $"line {line}, column {column}: " : string.Empty;
        return string.IsNullOrEmpty(sourceName) ? where + reason : $"{sourceName}: {where}{reason}";
    }
}
