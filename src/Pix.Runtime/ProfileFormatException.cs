using System;

namespace Pix;

/// <summary>
/// A hardware profile file (<c>*.pixhw.json</c>) is malformed or does not match the schema. The
/// message names the file, the position and the field, e.g.
/// <c>machine.pixhw.json: line 14, column 20: costs.Load.latencyNs: must be a non-negative number; found -1</c>.
/// </summary>
public sealed class ProfileFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public ProfileFormatException(string sourceName, int line, int column, string reason, Exception? innerException = null)
        : base(Compose(sourceName, line, column, reason), innerException)
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file (or other source) that was read.</summary>
    public string SourceName { get; }

    /// <summary>1-based line of the problem; 0 when it has no position (e.g. the file is too large).</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem; 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without file and position.</summary>
    public string Reason { get; }

    private static string Compose(string sourceName, int line, int column, string reason) =>
        line > 0 ? $"{sourceName}: line {line}, column {column}: {reason}" : $"{sourceName}: {reason}";
}
