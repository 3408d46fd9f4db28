using System;
using System.Collections.Generic;
using System.Text;

namespace Pix.Robustness.Tests.Fuzzing;

/// <summary>
/// The statements of the construct families the extractor learned after the fuzzer was first written
/// (<see cref="FuzzConstruct"/>), each chosen by the same seeded random as the older ones and recorded in
/// <see cref="_used"/>.
/// </summary>
internal sealed partial class CSharpMethodFuzzer
{
    private static readonly FuzzConstruct[] Families = Enum.GetValues<FuzzConstruct>();

    private readonly HashSet<FuzzConstruct> _used = [];

    /// <summary>One statement of a randomly chosen family; the families that nest statements recurse while depth allows.</summary>
    private void AppendConstruct(StringBuilder b, int indent, int depth, List<string> loopVariables, List<string> callable, string v, string index)
    {
        string pad = new(' ', indent * 4);
        FuzzConstruct family = Families[_random.Next(Families.Length)];
        bool nest = depth < MaxDepth;
        _used.Add(family);
        switch (family)
        {
            case FuzzConstruct.PrimaryConstructor:
                b.AppendLine(_random.Next(2) == 0
                    ? $"{pad}acc += new Square({index}).Area();"
                    : $"{pad}Shape {v} = flag ? new Square(m) : new Shape({index}); acc += {v}.Area() + {v}.Size;");
                break;
            case FuzzConstruct.ByReferenceArgument:
                AppendByReference(b, pad, v, index);
                break;
            case FuzzConstruct.ExceptionHandling:
                AppendExceptionHandling(b, indent, depth, loopVariables, callable, index, nest);
                break;
            case FuzzConstruct.Using:
                if (_random.Next(2) == 0 || !nest)
                {
                    b.AppendLine($"{pad}using var {v} = new Lease({index});");
                    b.AppendLine($"{pad}acc += {v}.Value;");
                }
                else
                {
                    b.AppendLine($"{pad}using (var {v} = new Lease({index}))");
                    AppendBlock(b, indent, depth, loopVariables, callable);
                }

                break;
            case FuzzConstruct.Lock:
                b.AppendLine($"{pad}lock ({(_random.Next(2) == 0 ? "Gate" : "Latch")})");
                if (nest)
                {
                    AppendBlock(b, indent, depth, loopVariables, callable);
                }
                else
                {
                    b.AppendLine($"{pad}{{ _cell += {index}; acc += _cell; }}");
                }

                break;
            case FuzzConstruct.Atomic:
                b.AppendLine(_random.Next(3) switch
                {
                    0 => $"{pad}acc += Interlocked.Increment(ref _counter) + Volatile.Read(ref _cell);",
                    1 => $"{pad}acc += Interlocked.Add(ref _counter, {index}) + Interlocked.CompareExchange(ref _cell, m, n);",
                    _ => $"{pad}Volatile.Write(ref _cell, {index}); acc += Interlocked.Exchange(ref _counter, 0);",
                });
                break;
            case FuzzConstruct.Collection:
                AppendCollection(b, pad, v, index);
                break;
            case FuzzConstruct.SpanModel:
                if (_random.Next(2) == 0)
                {
                    b.AppendLine($"{pad}acc += data.AsSpan().IndexOf({index}) + (data.AsSpan().Contains(m) ? 1 : 0) + (data.AsSpan(0, data.Length / 2).SequenceEqual(data.AsSpan(data.Length / 2)) ? 1 : 0);");
                }
                else
                {
                    b.AppendLine($"{pad}Span<byte> {v} = stackalloc byte[8];");
                    b.AppendLine($"{pad}BinaryPrimitives.WriteInt32LittleEndian({v}, {index}); BinaryPrimitives.WriteInt32BigEndian({v}.Slice(4), m);");
                    b.AppendLine($"{pad}acc += BinaryPrimitives.ReadInt64BigEndian({v}) + BinaryPrimitives.ReadUInt16LittleEndian({v}.Slice(2));");
                }

                break;
            case FuzzConstruct.NullConditional:
                b.AppendLine($"{pad}string? {v} = o as string; int[]? {v}a = o as int[];");
                b.AppendLine($"{pad}{v} ??= flag ? null : \"fuzz\";");
                b.AppendLine($"{pad}acc += ({v}?.Length ?? {index}) + ({v}a?.Length ?? m) + ({v}a?[0] ?? 0);");
                break;
            case FuzzConstruct.Tuple:
                b.AppendLine($"{pad}var ({v}a, {v}b) = (n, {index});");
                b.AppendLine($"{pad}({v}a, {v}b) = ({v}b, {v}a + 1);");
                b.AppendLine($"{pad}(int Lo, int Hi) {v} = MinMax(data);");
                b.AppendLine($"{pad}acc += {v}a * {v}b + ({v}.Hi - {v}.Lo);");
                break;
            case FuzzConstruct.Record:
                b.AppendLine($"{pad}var {v} = new Pair(n, {index}); var {v}c = new Cell(m, n) with {{ Col = {index} }};");
                b.AppendLine($"{pad}var ({v}l, {v}r) = {v};");
                b.AppendLine($"{pad}acc += {v}.Sum + {v}c.Row + {v}l - {v}r + ({v} == new Pair(m, n) ? 1 : 0) + ({v}c.Equals(default(Cell)) ? 1 : 0);");
                break;
            case FuzzConstruct.Interpolation:
                b.AppendLine($"{pad}string {v} = $\"{{n}}:{{{index}}} of {{data.Length}} ({{flag}})\";");
                b.AppendLine($"{pad}acc += {v}.Length;");
                break;
            case FuzzConstruct.ExtensionMethod:
                (string clamp, string sumOf) = FuzzHelpers.ExtensionNames(_seed);
                b.AppendLine($"{pad}acc += {index}.{clamp}(m) + data.{sumOf}();");
                break;
            case FuzzConstruct.PerformanceInterfaceCallee:
                b.AppendLine($"{pad}acc += Annotated({index}) + Annotated(m);");
                break;
            case FuzzConstruct.Hint:
                AppendHinted(b, indent, depth, loopVariables, callable, v, index, nest);
                break;
            case FuzzConstruct.BoundedWhile:
                b.AppendLine($"{pad}int {v} = 0;");
                b.AppendLine($"{pad}while ({v} < {(_random.Next(2) == 0 ? "n" : "data.Length")})");
                AppendWhileBody(b, indent, depth, loopVariables, callable, v, $"{v}++;", nest);
                break;
            case FuzzConstruct.UnboundedWhile:
                if (_random.Next(2) == 0)
                {
                    b.AppendLine($"{pad}long {v} = n;");
                    b.AppendLine($"{pad}while ({v} > 1)");
                    AppendWhileBody(b, indent, depth, loopVariables, callable, v, $"{v} = ({v} & 1) == 0 ? {v} / 2 : 3 * {v} + 1;", nest);
                }
                else
                {
                    b.AppendLine($"{pad}int {v} = 0;");
                    b.AppendLine($"{pad}while ({v} < data.Length && data[{v}] != m)");
                    AppendWhileBody(b, indent, depth, loopVariables, callable, v, $"{v}++;", nest);
                }

                break;
            default:
                b.AppendLine($"{pad}acc += FetchAsync({index}).GetAwaiter().GetResult();");
                break;
        }
    }

    private void AppendByReference(StringBuilder b, string pad, string v, string index)
    {
        switch (_random.Next(5))
        {
            case 0:
                b.AppendLine($"{pad}int {v} = m; Bump(ref {v}, {index}); acc += {v} + Peek(in {v});");
                break;
            case 1:
                b.AppendLine($"{pad}Bump(ref _cell, {index}); acc += Peek(in _cell);");
                break;
            case 2:
                b.AppendLine($"{pad}if (data.Length > 0) {{ Bump(ref data[(int)((uint){index} % (uint)data.Length)], m); acc += Peek(in data[0]); }}");
                break;
            case 3:
                b.AppendLine($"{pad}Span<int> {v} = stackalloc int[4]; Bump(ref {v}[{index} & 3], m); acc += Peek(in {v}[0]) + Peek({v}[1]);");
                break;
            default:
                b.AppendLine($"{pad}if (TryHalf({index}, out int {v})) {{ acc += {v}; }}");
                break;
        }
    }

    /// <summary>try/catch/finally around a nested block (a finally never nests: control may not leave it), a throw, or a throw helper.</summary>
    private void AppendExceptionHandling(StringBuilder b, int indent, int depth, List<string> loopVariables, List<string> callable, string index, bool nest)
    {
        string pad = new(' ', indent * 4);
        switch (_random.Next(3))
        {
            case 0:
                b.AppendLine($"{pad}try");
                if (nest)
                {
                    AppendBlock(b, indent, depth, loopVariables, callable);
                }
                else
                {
                    b.AppendLine($"{pad}{{ Guard({index}); acc += {index}; }}");
                }

                b.AppendLine($"{pad}catch (InvalidOperationException) {{ acc -= 1; }}");
                if (_random.Next(2) == 0)
                {
                    b.AppendLine($"{pad}catch (Exception e) when (e is ArgumentException) {{ acc -= 2; }}");
                }

                b.AppendLine($"{pad}finally {{ _cell ^= m; }}");
                break;
            case 1:
                b.AppendLine($"{pad}if (flag && data.Length == 0) {{ throw new ArgumentException(\"empty\", nameof(data)); }}");
                b.AppendLine($"{pad}acc += {index} < 0 ? Fail({index}) : {index};");
                break;
            default:
                b.AppendLine($"{pad}Guard({index} - m);");
                b.AppendLine($"{pad}if (o is null) {{ acc += Fail(n); }}");
                break;
        }
    }

    /// <summary>A loop bounded only by a hint (with or without a PCV name), or a branch arm named by a PCV.</summary>
    private void AppendHinted(StringBuilder b, int indent, int depth, List<string> loopVariables, List<string> callable, string v, string index, bool nest)
    {
        string pad = new(' ', indent * 4);
        if (_random.Next(3) == 0)
        {
            b.AppendLine($"{pad}if ({Condition(index)})");
            b.AppendLine($"{pad}{{");
            b.AppendLine($"{pad}    PixHint.Pcv(\"arm{v}\", \"how often the arm is taken\");");
            b.AppendLine($"{pad}    acc += SumTo({index});");
            b.AppendLine($"{pad}}}");
            return;
        }

        string hints = _random.Next(3) switch
        {
            0 => "PixHint.LoopBound(64);",
            1 => "PixHint.LoopBound(n + 1);",
            _ => $"PixHint.Pcv(\"steps{v}\", \"sentinel scan steps\"); PixHint.LoopBound(data.Length);",
        };
        b.AppendLine($"{pad}int {v} = 0;");
        b.AppendLine($"{pad}while ({v} < data.Length && data[{v}] >= 0)");
        AppendWhileBody(b, indent, depth, loopVariables, callable, v, $"{hints} {v}++;", nest);
    }

    /// <summary>
    /// A while loop's body: its step first (so that a generated <c>continue</c> cannot skip it), then a nested
    /// block when depth allows. The loop's variable joins the loop variables only for reading.
    /// </summary>
    private void AppendWhileBody(StringBuilder b, int indent, int depth, List<string> loopVariables, List<string> callable, string v, string step, bool nest)
    {
        string pad = new(' ', indent * 4);
        b.AppendLine($"{pad}{{");
        b.AppendLine($"{pad}    {step}");
        if (nest)
        {
            loopVariables.Add($"((int){v})");
            AppendBlock(b, indent + 1, depth, loopVariables, callable);
            loopVariables.RemoveAt(loopVariables.Count - 1);
        }
        else
        {
            b.AppendLine($"{pad}    acc += {v};");
        }

        b.AppendLine($"{pad}}}");
    }

    /// <summary>One library model's calls on a fresh collection (ConcurrentDictionary's GetOrAdd with a lambda).</summary>
    private void AppendCollection(StringBuilder b, string pad, string v, string index)
    {
        switch (_random.Next(6))
        {
            case 0:
                b.AppendLine($"{pad}var {v} = new Dictionary<int, int>(); {v}[{index}] = m; {v}.TryAdd(n, 1);");
                b.AppendLine($"{pad}if ({v}.TryGetValue(m, out int {v}x)) {{ acc += {v}x; }}");
                b.AppendLine($"{pad}acc += {v}.Count + ({v}.ContainsKey(n) ? 1 : 0) + ({v}.Remove({index}) ? 1 : 0);");
                break;
            case 1:
                b.AppendLine($"{pad}var {v} = new HashSet<int> {{ n, m }}; {v}.Add({index});");
                b.AppendLine($"{pad}acc += {v}.Count + ({v}.Contains({index}) ? 1 : 0);");
                break;
            case 2:
                b.AppendLine($"{pad}var {v} = new List<int>(data); {v}.Add(n);");
                b.AppendLine($"{pad}acc += {v}.Count + {v}.IndexOf({index}) + {v}[0];");
                break;
            case 3:
                b.AppendLine($"{pad}var {v} = new Queue<int>(); {v}.Enqueue({index}); {v}.Enqueue(m);");
                b.AppendLine($"{pad}acc += {v}.Dequeue() + ({v}.TryPeek(out int {v}p) ? {v}p : 0);");
                break;
            case 4:
                b.AppendLine($"{pad}var {v} = new ConcurrentDictionary<int, long>();");
                b.AppendLine($"{pad}acc += {v}.GetOrAdd({index}, k => k * 2L) + ({v}.TryRemove(n, out long {v}r) ? {v}r : 0) + {v}.AddOrUpdate(m, 1, (k, x) => x + k);");
                break;
            default:
                b.AppendLine($"{pad}var {v} = new StringBuilder(); {v}.Append(n).Append(',').Append({index});");
                b.AppendLine($"{pad}acc += {v}.Length + {v}.ToString().Length;");
                break;
        }
    }

    /// <summary>
    /// A branch-free, constant-cost statement of the newer families for the monotone family's loop bodies:
    /// its cost per iteration does not depend on n, so the nest's running time stays non-decreasing in n.
    /// </summary>
    private void AppendMonotoneStatement(StringBuilder b, string pad, string v)
    {
        (FuzzConstruct family, string statement) = _random.Next(9) switch
        {
            0 => (FuzzConstruct.Atomic, $"acc += Interlocked.Increment(ref _counter) + Volatile.Read(ref _cell);"),
            1 => (FuzzConstruct.Lock, $"lock (Gate) {{ _cell += {v}; }}"),
            2 => (FuzzConstruct.ByReferenceArgument, $"Bump(ref _cell, {v}); acc += Peek(in _cell);"),
            3 => (FuzzConstruct.Tuple, $"var ({v}a, {v}b) = ({v}, m); acc += {v}a ^ {v}b;"),
            4 => (FuzzConstruct.Record, $"var {v}c = new Cell({v}, m) with {{ Row = m }}; acc += {v}c.Col;"),
            5 => (FuzzConstruct.PrimaryConstructor, $"acc += new Square(m).Size;"),
            6 => (FuzzConstruct.Using, $"using (var {v}l = new Lease({v})) {{ acc += {v}l.Value; }}"),
            7 => (FuzzConstruct.ExtensionMethod, $"acc += {v}.{FuzzHelpers.ExtensionNames(_seed).Clamp}(m);"),
            _ => (FuzzConstruct.ExceptionHandling, $"try {{ acc += {v}; }} finally {{ _cell ^= m; }}"),
        };
        _used.Add(family);
        b.AppendLine(pad + statement);
    }
}
