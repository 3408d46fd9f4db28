using System;
using System.Collections.Generic;
using System.Text;

namespace Pix.Solver;

/// <summary>
/// An S-expression from Z3's output: an atom (symbol, numeral, string) or a list. Just enough to read
/// <c>sat</c>/<c>unsat</c>/<c>unknown</c>, <c>(get-value …)</c> models and <c>(error "…")</c> lines.
/// </summary>
internal sealed class SExpr
{
    private SExpr(string? atom, IReadOnlyList<SExpr> items)
    {
        Atom = atom;
        Items = items;
    }

    /// <summary>The atom's text (quoted symbols keep their bars, strings lose their quotes); null for a list.</summary>
    public string? Atom { get; }

    /// <summary>The list's items; empty for an atom.</summary>
    public IReadOnlyList<SExpr> Items { get; }

    /// <summary>
    /// Reads every top-level S-expression of <paramref name="text"/>. Never throws: an unbalanced or
    /// truncated tail is closed where the text ends (Z3 output cut by an interrupt stays readable).
    /// </summary>
    public static List<SExpr> ParseAll(string text)
    {
        var result = new List<SExpr>();
        var stack = new Stack<List<SExpr>>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == ';')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '(')
            {
                stack.Push(new List<SExpr>());
                i++;
            }
            else if (c == ')')
            {
                i++;
                if (stack.Count > 0)
                {
                    Add(new SExpr(null, stack.Pop()));
                }
            }
            else
            {
                Add(new SExpr(ReadAtom(text, ref i), Array.Empty<SExpr>()));
            }
        }

        while (stack.Count > 0)
        {
            Add(new SExpr(null, stack.Pop()));
        }

        return result;

        void Add(SExpr e)
        {
            if (stack.Count > 0)
            {
                stack.Peek().Add(e);
            }
            else
            {
                result.Add(e);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Atom ?? "(" + string.Join(" ", Items) + ")";

    private static string ReadAtom(string text, ref int i)
    {
        var atom = new StringBuilder();
        if (text[i] == '|')
        {
            int end = text.IndexOf('|', i + 1);
            end = end < 0 ? text.Length - 1 : end;
            atom.Append(text, i, end - i + 1);
            i = end + 1;
            return atom.ToString();
        }

        if (text[i] == '"')
        {
            i++;
            while (i < text.Length)
            {
                if (text[i] == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        atom.Append('"');
                        i += 2;
                        continue;
                    }

                    i++;
                    break;
                }

                atom.Append(text[i++]);
            }

            return atom.ToString();
        }

        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '(' && text[i] != ')' && text[i] != ';')
        {
            atom.Append(text[i++]);
        }

        return atom.ToString();
    }
}
