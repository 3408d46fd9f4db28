using System;
using System.Collections.Generic;
using System.Text;

namespace Pix.Robustness.Tests.Fuzzing;

/// <summary>A generated compilation unit: its source, and the methods the properties are checked on.</summary>
/// <param name="Seed">Reproduces the program (<c>PIX_FUZZ_SEED</c>).</param>
/// <param name="Mixed">Methods using every construct the fuzzer knows: no exception, finite, non-negative, deterministic.</param>
/// <param name="Monotone">Methods whose running time cannot decrease when <c>n</c> grows (loops with bounds non-decreasing in
/// <c>n</c>, straight-line bodies, no early exit): their interface must not decrease either.</param>
/// <param name="Constructs">The construct families the checked methods use (not the helpers).</param>
internal sealed record FuzzProgram(int Seed, string Source, IReadOnlyList<string> Mixed, IReadOnlyList<string> Monotone, IReadOnlySet<FuzzConstruct> Constructs);

/// <summary>
/// A seeded generator of random but valid C# methods: nested loops with affine, dependent,
/// logarithmic and strided bounds; breaks and continues; branches; calls (plain, generic, recursive);
/// ref structs and stackalloc; pattern matching and switch expressions; local functions; lambdas and LINQ;
/// and, half of the statements, one of the newer families of <see cref="FuzzConstruct"/>
/// (CSharpMethodFuzzer.Constructs.cs). Every method has the signature <c>long Name(int n, int m, int[] data, bool flag, object o)</c>, so that
/// methods can call each other. The code is compiled, never run: it only has to be valid.
/// </summary>
internal sealed partial class CSharpMethodFuzzer
{
    private const string Parameters = "int n, int m, int[] data, bool flag, object o";
    private const int MaxDepth = 3;

    private readonly Random _random;
    private readonly int _seed;
    private int _names;

    public CSharpMethodFuzzer(int seed)
    {
        _seed = seed;
        _random = new Random(seed);
    }

    public FuzzProgram Generate(int mixedMethods, int monotoneMethods)
    {
        var source = new StringBuilder();
        foreach (string import in Imports)
        {
            source.AppendLine($"using {import};");
        }

        source.AppendLine();
        source.AppendLine($"public static partial class Fuzz{_seed}");
        source.AppendLine("{");
        source.AppendLine(FuzzHelpers.For(_seed));

        var mixed = new List<string>();
        for (int k = 0; k < mixedMethods; k++)
        {
            string name = $"Mixed{k}";
            source.AppendLine($"    public static long {name}({Parameters})");
            source.AppendLine("    {");
            source.AppendLine("        long acc = 0;");
            int statements = _random.Next(1, 5);
            for (int s = 0; s < statements; s++)
            {
                AppendStatement(source, 2, depth: 0, loopVariables: [], callable: mixed);
            }

            source.AppendLine("        return acc;");
            source.AppendLine("    }");
            mixed.Add(name);
        }

        var monotone = new List<string>();
        for (int k = 0; k < monotoneMethods; k++)
        {
            string name = $"Monotone{k}";
            source.AppendLine($"    public static long {name}({Parameters})");
            source.AppendLine("    {");
            source.AppendLine("        long acc = 0;");
            int nests = _random.Next(1, 4);
            for (int s = 0; s < nests; s++)
            {
                AppendMonotoneLoop(source, 2, depth: 0, outer: null);
            }

            source.AppendLine("        return acc;");
            source.AppendLine("    }");
            monotone.Add(name);
        }

        source.AppendLine("}");
        return new FuzzProgram(_seed, source.ToString(), mixed, monotone, new HashSet<FuzzConstruct>(_used));
    }

    private static readonly string[] Imports =
    [
        "System", "System.Buffers.Binary", "System.Collections.Concurrent", "System.Collections.Generic", "System.Linq",
        "System.Text", "System.Threading", "System.Threading.Tasks", "Pix",
    ];

    private void AppendStatement(StringBuilder b, int indent, int depth, List<string> loopVariables, List<string> callable)
    {
        string pad = new(' ', indent * 4);
        string v = Fresh();
        string index = loopVariables.Count > 0 ? loopVariables[_random.Next(loopVariables.Count)] : "n";
        if (_random.Next(2) == 0)
        {
            AppendConstruct(b, indent, depth, loopVariables, callable, v, index);
            AppendEarlyExit(b, pad, loopVariables, index);
            return;
        }

        int choice = _random.Next(depth >= MaxDepth ? 9 : 14);
        switch (choice)
        {
            case 0: b.AppendLine($"{pad}acc += {index} * 3 + (acc >> 2);"); break;
            case 1: b.AppendLine($"{pad}acc ^= data.Length > 0 ? data[(int)((uint){index} % (uint)data.Length)] : m;"); break;
            case 2: b.AppendLine($"{pad}acc += Scale({index}) + Larger(n, m) + Larger(1.5, 2.5) > 3 ? 1 : 0;"); break;
            case 3: b.AppendLine($"{pad}acc += Depth(n) + SumTo(m);"); break;
            case 4:
                b.AppendLine(callable.Count > 0
                    ? $"{pad}acc += {callable[_random.Next(callable.Count)]}(n, m, data, flag, o);"
                    : $"{pad}acc += SumTo(n);");
                break;
            case 5: b.AppendLine($"{pad}if (o is int {v} && {v} > {index}) {{ acc += {v}; }}"); break;
            case 6: b.AppendLine($"{pad}acc += o switch {{ int {v} => {v}, string {v}s => {v}s.Length, int[] {v}a => {v}a.Length, _ => 0 }};"); break;
            case 7:
                b.AppendLine($"{pad}Func<int, int> {v} = x => x * 2 + m;");
                b.AppendLine($"{pad}acc += {v}({index}) + data.Count(x => x > {index});");
                break;
            case 8:
                b.AppendLine($"{pad}Span<int> {v} = stackalloc int[8];");
                b.AppendLine($"{pad}{v}[{index} & 7] = n;");
                b.AppendLine($"{pad}acc += new Window({v}).Sum();");
                break;
            case 9:
                b.AppendLine($"{pad}int {v}(int w) {{ int r = 0; for (int q = 0; q < w; q++) {{ r += q; }} return r; }}");
                b.AppendLine($"{pad}acc += {v}({index});");
                break;
            case 10 or 11: AppendLoop(b, indent, depth, loopVariables, callable, v); break;
            case 12:
                b.AppendLine($"{pad}if ({Condition(index)})");
                AppendBlock(b, indent, depth, loopVariables, callable);
                if (_random.Next(2) == 0)
                {
                    b.AppendLine($"{pad}else");
                    AppendBlock(b, indent, depth, loopVariables, callable);
                }

                break;
            default:
                b.AppendLine($"{pad}switch (n % 3)");
                b.AppendLine($"{pad}{{");
                b.AppendLine($"{pad}    case 0: acc += m; break;");
                b.AppendLine($"{pad}    case 1:");
                AppendBlock(b, indent + 1, depth, loopVariables, callable);
                b.AppendLine($"{pad}        break;");
                b.AppendLine($"{pad}    default: acc -= 1; break;");
                b.AppendLine($"{pad}}}");
                break;
        }

        AppendEarlyExit(b, pad, loopVariables, index);
    }

    /// <summary>Sometimes, inside a loop, a break or continue after the statement.</summary>
    private void AppendEarlyExit(StringBuilder b, string pad, List<string> loopVariables, string index)
    {
        if (loopVariables.Count > 0 && _random.Next(6) == 0)
        {
            b.AppendLine(_random.Next(2) == 0 ? $"{pad}if (acc > {index} * 7) break;" : $"{pad}if ((acc & 1) == 0) continue;");
        }
    }

    private void AppendLoop(StringBuilder b, int indent, int depth, List<string> loopVariables, List<string> callable, string v)
    {
        string pad = new(' ', indent * 4);
        string outer = loopVariables.Count > 0 ? loopVariables[^1] : "m";
        string header = _random.Next(9) switch
        {
            0 => $"for (int {v} = 0; {v} < n; {v}++)",
            1 => $"for (int {v} = 0; {v} < 2 * n + 3; {v}++)",
            2 => $"for (int {v} = 0; {v} < data.Length; {v} += 3)",
            3 => $"for (int {v} = 0; {v} < {outer}; {v}++)",
            4 => $"for (int {v} = n; {v} > 0; {v} /= 2)",
            5 => $"for (int {v} = 1; {v} < n; {v} *= 2)",
            6 => $"for (int {v} = m; {v} <= n - 1; {v}++)",
            7 => $"foreach (int {v} in data)",
            _ => $"for (int {v} = 0; {v} < n / 3 + m % 5; {v}++)",
        };
        b.AppendLine(pad + header);
        loopVariables.Add(v);
        AppendBlock(b, indent, depth, loopVariables, callable);
        loopVariables.RemoveAt(loopVariables.Count - 1);
    }

    private void AppendBlock(StringBuilder b, int indent, int depth, List<string> loopVariables, List<string> callable)
    {
        string pad = new(' ', indent * 4);
        b.AppendLine($"{pad}{{");
        int statements = _random.Next(1, 3);
        for (int s = 0; s < statements; s++)
        {
            AppendStatement(b, indent + 1, depth + 1, loopVariables, callable);
        }

        b.AppendLine($"{pad}}}");
    }

    /// <summary>A loop nest whose trip counts are non-decreasing in n for fixed m, with a branch-free body.</summary>
    private void AppendMonotoneLoop(StringBuilder b, int indent, int depth, string? outer)
    {
        string pad = new(' ', indent * 4);
        string v = Fresh();
        string bound = _random.Next(outer is null ? 4 : 5) switch
        {
            0 => "n",
            1 => "2 * n + 1",
            2 => "n + m",
            3 => "m",
            _ => outer!,
        };
        // A while loop counting up to the same bound runs as often as the for loop: both stay monotone.
        bool asWhile = _random.Next(3) == 0;
        if (asWhile)
        {
            _used.Add(FuzzConstruct.BoundedWhile);
            b.AppendLine($"{pad}int {v} = 0;");
            b.AppendLine($"{pad}while ({v} < {bound})");
        }
        else
        {
            b.AppendLine($"{pad}for (int {v} = 0; {v} < {bound}; {v}++)");
        }

        b.AppendLine($"{pad}{{");
        b.AppendLine($"{pad}    acc += {v} ^ m;");
        if (_random.Next(2) == 0)
        {
            AppendMonotoneStatement(b, pad + "    ", v);
        }

        if (depth < 2 && _random.Next(2) == 0)
        {
            AppendMonotoneLoop(b, indent + 1, depth + 1, v);
        }

        if (asWhile)
        {
            b.AppendLine($"{pad}    {v}++;");
        }

        b.AppendLine($"{pad}}}");
    }

    private string Condition(string index) => _random.Next(5) switch
    {
        0 => "flag",
        1 => $"{index} > m",
        2 => "data.Length == 0",
        3 => "o is null",
        _ => "acc % 3 == 1",
    };

    private string Fresh() => "v" + _names++.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
