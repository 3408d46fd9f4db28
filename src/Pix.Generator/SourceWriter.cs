using System;
using System.Text;

namespace Pix.Generator;

/// <summary>
/// A small indented writer for generated C#: <c>using (writer.EmitBlock("class C"))</c> writes the
/// header, braces and indentation, so the emitter reads like the code it writes. Lines end with
/// <c>\n</c> on every platform, so output is byte-for-byte deterministic.
/// </summary>
internal sealed class SourceWriter
{
    private const int IndentSize = 4;
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>Writes one line at the current indentation (an empty line has no indentation).</summary>
    public void WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * IndentSize).Append(line);
        }

        _text.Append('\n');
    }

    /// <summary>Writes lines separated by <c>\n</c>; lines after the first are indented one more level (continuations).</summary>
    public void WriteContinuedLines(string text)
    {
        string[] lines = text.Split('\n');
        WriteLine(lines[0]);
        _indent++;
        for (int i = 1; i < lines.Length; i++)
        {
            WriteLine(lines[i]);
        }

        _indent--;
    }

    /// <summary>Writes <paramref name="header"/> (if any), an opening brace, and indents until the returned scope is disposed.</summary>
    public Block EmitBlock(string header)
    {
        if (header.Length > 0)
        {
            WriteLine(header);
        }

        WriteLine("{");
        _indent++;
        return new Block(this);
    }

    /// <summary>Indents the lines written until the returned scope is disposed (no braces).</summary>
    public Indentation Indent()
    {
        _indent++;
        return new Indentation(this);
    }

    /// <inheritdoc/>
    public override string ToString() => _text.ToString();

    /// <summary>Closes a block opened by <see cref="EmitBlock"/>.</summary>
    public readonly struct Block : IDisposable
    {
        private readonly SourceWriter _writer;

        public Block(SourceWriter writer) => _writer = writer;

        public void Dispose()
        {
            _writer._indent--;
            _writer.WriteLine("}");
        }
    }

    /// <summary>Ends an indentation opened by <see cref="Indent"/>.</summary>
    public readonly struct Indentation : IDisposable
    {
        private readonly SourceWriter _writer;

        public Indentation(SourceWriter writer) => _writer = writer;

        public void Dispose() => _writer._indent--;
    }
}
