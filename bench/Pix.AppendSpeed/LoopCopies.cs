using System;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pix.AppendSpeed;

/// <summary>
/// <c>Pix.AppendSpeed copies [seconds]</c>: eight copies of the append loop (one generic method instantiated over eight
/// value types, so the JIT compiles and places each apart) timed in turn in one process; prints each copy's quietest
/// batch in ns an append. Whether copies in one process run at different speeds tells a placement of the code from a
/// state of the process; <c>placement.sh</c>'s perf-map reading gives each copy's start (<c>Loop`1[Sk]::Run</c>).
/// </summary>
internal static class LoopCopies
{
    public static void Run(double seconds)
    {
        ICopy[] copies =
        {
            new Copy<S0>(), new Copy<S1>(), new Copy<S2>(), new Copy<S3>(),
            new Copy<S4>(), new Copy<S5>(), new Copy<S6>(), new Copy<S7>(),
        };
        var best = new double[copies.Length];
        Array.Fill(best, double.MaxValue);
        long sink = 0;
        long end = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * seconds);
        while (Stopwatch.GetTimestamp() < end)
        {
            for (int k = 0; k < copies.Length; k++)
            {
                long start = Stopwatch.GetTimestamp();
                sink += copies[k].Run(Iterations);
                best[k] = Math.Min(best[k], (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency / Iterations);
            }
        }

        Console.WriteLine($"pid {Environment.ProcessId} copies {string.Join(' ', best.Select(b => b.ToString("F3")))} sink {sink % 7}");
    }

    private const int Iterations = 256;

    private interface ICopy
    {
        long Run(int iterations);
    }

    private struct S0 { }
    private struct S1 { }
    private struct S2 { }
    private struct S3 { }
    private struct S4 { }
    private struct S5 { }
    private struct S6 { }
    private struct S7 { }

    /// <summary>The kernel's loop; <typeparamref name="T"/> only makes each instantiation its own compiled method.</summary>
    private sealed class Copy<T> : ICopy
        where T : struct
    {
        private readonly string _word = new('w', 8);
        private readonly StringBuilder _builder = new(Iterations * 8);

        [MethodImpl(MethodImplOptions.NoInlining)]
        public long Run(int iterations)
        {
            StringBuilder builder = _builder;
            builder.Clear();
            string word = _word;
            for (int i = 0; i < iterations; i++)
            {
                builder.Append(word);
            }

            return builder.Length;
        }
    }
}
