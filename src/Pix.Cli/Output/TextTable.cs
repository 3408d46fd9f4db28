using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Pix.Cli.Output;

/// <summary>A plain-text table with aligned columns (numbers right-aligned), for terminal summaries.</summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = new();

    public TextTable(params string[] headers)
    {
        _headers = headers;
        _rightAligned = new bool[headers.Length];
    }

    /// <summary>Right-aligns the given columns (numbers).</summary>
    public TextTable AlignRight(params int[] columns)
    {
        foreach (int c in columns)
        {
            _rightAligned[c] = true;
        }

        return this;
    }

    public void Add(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"Expected {_headers.Length} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void Write(TextWriter writer)
    {
        int[] widths = _headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        WriteRow(writer, _headers, widths);
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))).TrimEnd());
        foreach (string[] row in _rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    private void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        string line = string.Join("  ", cells.Select((c, i) => _rightAligned[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i])));
        writer.WriteLine(line.TrimEnd());
    }
}
