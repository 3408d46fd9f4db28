using System;
using System.Collections.Generic;

namespace Pix.Solver;

/// <summary>
/// Maps quantity names (C# expressions such as <c>data.Length</c> or <c>this._count</c>) to SMT-LIB2
/// symbols and back. Plain names become quoted symbols (<c>|data.Length|</c>) so a dumped query reads
/// like the code; a name SMT-LIB cannot quote (with <c>|</c>, <c>\</c> or non-ASCII characters) gets a
/// numbered symbol (<c>|pix.q3|</c>) and a comment in the query.
/// </summary>
internal sealed class SmtSymbols
{
    private readonly Dictionary<string, string> _toSmt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _fromSmt = new(StringComparer.Ordinal);

    /// <summary>The quantity names seen so far, in order of first use.</summary>
    public List<string> Names { get; } = new();

    /// <summary>The SMT symbol (with its bars) of <paramref name="name"/>, created on first use.</summary>
    public string Of(string name)
    {
        if (_toSmt.TryGetValue(name, out string? symbol))
        {
            return symbol;
        }

        string body = IsQuotable(name) && !name.StartsWith("pix.", StringComparison.Ordinal) ? name : "pix.q" + Names.Count;
        symbol = "|" + body + "|";
        _toSmt[name] = symbol;
        _fromSmt[body] = name;
        Names.Add(name);
        return symbol;
    }

    /// <summary>The quantity name of an SMT symbol (bars optional), or null if it is not one of ours.</summary>
    public string? NameOf(string smtSymbol)
    {
        string body = smtSymbol.Length >= 2 && smtSymbol[0] == '|' && smtSymbol[smtSymbol.Length - 1] == '|'
            ? smtSymbol.Substring(1, smtSymbol.Length - 2)
            : smtSymbol;
        return _fromSmt.TryGetValue(body, out string? name) ? name : null;
    }

    /// <summary>True when the name was renamed (the query then says which name it stands for).</summary>
    public bool IsRenamed(string name) => _toSmt.TryGetValue(name, out string? s) && s != "|" + name + "|";

    private static bool IsQuotable(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c < 0x20 || c > 0x7E || c == '|' || c == '\\')
            {
                return false;
            }
        }

        return true;
    }
}
