using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Pix.AppendSpeed;

/// <summary>
/// One sample of the append kernel's speed in a fresh process (docs/accuracy.md, "Twenty-fourth session: why the append
/// kernel runs at one of two speeds"): runs, batch after batch for a few seconds, the kernel's loop (a copy of
/// <c>LibraryCopyCallKernel.Run</c>: one chunk, an 8-character word appended <c>iterations</c> times a batch), a control of
/// no memory and no calls (a chain of dependent multiplies: a slow process, not a slow machine, leaves it alone) and the
/// same 16-byte copies without the builder (<see cref="CopyLoops"/>), and prints one line: each loop's quietest batch in ns
/// an iteration, the append loop's per CPU and per half-second window, and the low 12 bits of the word's characters, the
/// builder and the chunk's characters (what 4K aliasing would depend on). Run it with <c>DOTNET_PerfMapEnabled=1</c> and
/// <c>placement.sh</c> reads where the JIT put each loop's Tier-1 code.
/// </summary>
/// <remarks>Usage: <c>Pix.AppendSpeed [iterations=256] [seconds=3]</c>, or <c>Pix.AppendSpeed copies [seconds=1.5]</c> (<see cref="LoopCopies"/>).</remarks>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is ["copies", ..])
        {
            LoopCopies.Run(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1.5);
            return 0;
        }

        int iterations = args.Length > 0 ? int.Parse(args[0]) : 256;
        double seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3.0;
        int windows = Math.Max(1, (int)(seconds / 0.5));
        var kernel = new AppendLoop(iterations);
        var copies = new CopyLoops(iterations);

        var quietest = new double[windows];
        var perCpu = new double[Environment.ProcessorCount];
        Array.Fill(perCpu, double.MaxValue);
        double control = double.MaxValue, spanCopy = double.MaxValue, inlineCopy = double.MaxValue;
        long sink = 0;
        for (int w = 0; w < windows; w++)
        {
            double best = double.MaxValue;
            long end = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 2);
            while (Stopwatch.GetTimestamp() < end)
            {
                long start = Stopwatch.GetTimestamp();
                sink += kernel.Run(iterations);
                double ns = NsPerIteration(start, iterations);
                best = Math.Min(best, ns);

                // Credited to the CPU the batch ended on: a process that stays on one CPU shows whether the CPU sets the speed.
                int cpu = Math.Clamp(sched_getcpu(), 0, perCpu.Length - 1);
                perCpu[cpu] = Math.Min(perCpu[cpu], ns);

                start = Stopwatch.GetTimestamp();
                sink += Control.MultiplyChain(iterations, sink);
                control = Math.Min(control, NsPerIteration(start, iterations));

                start = Stopwatch.GetTimestamp();
                sink += copies.SpanCopyTo(iterations);
                spanCopy = Math.Min(spanCopy, NsPerIteration(start, iterations));

                start = Stopwatch.GetTimestamp();
                sink += copies.InlineCopy(iterations);
                inlineCopy = Math.Min(inlineCopy, NsPerIteration(start, iterations));
            }

            quietest[w] = best;
        }

        (long word, long builder, long chunk) = kernel.Addresses();
        Console.WriteLine(
            $"pid {Environment.ProcessId} best {quietest.Min():F3} control {control:F3} span-copyto {spanCopy:F3} inline-copy {inlineCopy:F3} " +
            $"per-cpu {string.Join(' ', perCpu.Select(Format))} windows {string.Join(' ', quietest.Select(Format))} " +
            $"word {word & 0xFFF:x3} builder {builder & 0xFFF:x3} chunk {chunk & 0xFFF:x3} sink {sink % 7}");
        return 0;
    }

    private static double NsPerIteration(long startTicks, int iterations) =>
        (Stopwatch.GetTimestamp() - startTicks) * 1e9 / Stopwatch.Frequency / iterations;

    private static string Format(double ns) => ns == double.MaxValue ? "-" : ns.ToString("F3");

    /// <summary>The processor the thread runs on now (glibc).</summary>
    [DllImport("libc", EntryPoint = "sched_getcpu")]
    private static extern int sched_getcpu();
}

/// <summary>The kernel's loop, as <c>LibraryCopyCallKernel.Run</c> has it (that type is internal to Pix.Runtime).</summary>
internal sealed unsafe class AppendLoop
{
    private readonly string _word = new('w', 8);
    private StringBuilder _builder;

    public AppendLoop(int iterations) => _builder = new StringBuilder(iterations * 8);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public long Run(int iterations)
    {
        int needed = iterations * 8;
        StringBuilder builder = _builder;
        if (builder.Capacity < needed)
        {
            builder = _builder = new StringBuilder(needed);
        }

        builder.Clear();
        string word = _word;
        for (int i = 0; i < iterations; i++)
        {
            builder.Append(word);
        }

        return builder.Length;
    }

    /// <summary>Addresses of the word's first character, the builder object and the chunk's first character.</summary>
    public (long Word, long Builder, long Chunk) Addresses()
    {
        var chunk = (char[])typeof(StringBuilder).GetField("m_ChunkChars", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(_builder)!;
        StringBuilder builder = _builder;
        fixed (char* w = _word)
        fixed (char* c = chunk)
        {
            long b = *(long*)Unsafe.AsPointer(ref builder);
            return ((long)w, b, (long)c);
        }
    }
}


/// <summary>The control: a chain of dependent integer multiplies, no loads, stores or calls.</summary>
internal static class Control
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long MultiplyChain(int iterations, long seed)
    {
        long x = seed | 1;
        for (int i = 0; i < iterations; i++)
        {
            x *= 0x5DEECE66DL;
        }

        return x;
    }
}

/// <summary>
/// The same 16-byte copies without the builder: through <c>Span.CopyTo</c> (a call to the process's one Tier-1
/// <c>SpanHelpers.Memmove</c>, as <c>Append</c> makes) and as two inlined 8-byte moves (no call): which of the three
/// loops a slow process slows tells whether the state lives in the call to <c>Memmove</c>, in the builder, or in the copy.
/// </summary>
internal sealed class CopyLoops
{
    private readonly string _word = new('w', 8);
    private readonly char[] _chunk;
    private int _position;

    public CopyLoops(int iterations) => _chunk = new char[iterations * 8];

    [MethodImpl(MethodImplOptions.NoInlining)]
    public long SpanCopyTo(int iterations)
    {
        string word = _word;
        char[] chunk = _chunk;
        _position = 0;
        for (int i = 0; i < iterations; i++)
        {
            int position = _position;
            word.AsSpan().CopyTo(chunk.AsSpan(position));
            _position = position + word.Length;
        }

        return _position;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public long InlineCopy(int iterations)
    {
        string word = _word;
        char[] chunk = _chunk;
        _position = 0;
        for (int i = 0; i < iterations; i++)
        {
            int position = _position;
            ref byte source = ref Unsafe.As<char, byte>(ref Unsafe.AsRef(in word.GetPinnableReference()));
            ref byte destination = ref Unsafe.As<char, byte>(ref chunk[position]);
            Unsafe.WriteUnaligned(ref destination, Unsafe.ReadUnaligned<long>(ref source));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 8), Unsafe.ReadUnaligned<long>(ref Unsafe.Add(ref source, 8)));
            _position = position + word.Length;
        }

        return _position;
    }
}
