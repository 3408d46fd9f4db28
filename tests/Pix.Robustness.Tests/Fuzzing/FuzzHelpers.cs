namespace Pix.Robustness.Tests.Fuzzing;

/// <summary>
/// The members every fuzzed class declares for its methods to call: plain, generic and recursive callees,
/// a ref struct, and one or more callee per construct family of <see cref="FuzzConstruct"/> (types with
/// primary constructors, records, throw helpers, an async method, an annotated method, extension methods).
/// </summary>
internal static class FuzzHelpers
{
    /// <summary>
    /// The helpers of the class <c>Fuzz{seed}</c>. Extension methods carry the seed in their name: the
    /// corpus slice compiles several fuzzed classes into one assembly, where equal names would make a call ambiguous.
    /// </summary>
    public static string For(int seed) => Common + $$"""
            private static int Clamp{{seed}}(this int x, int hi) => x < 0 ? 0 : x > hi ? hi : x;
            private static long SumOf{{seed}}(this int[] xs) { long s = 0; foreach (int x in xs) { s += x; } return s; }

        """;

    /// <summary>The extension methods' names in <c>Fuzz{seed}</c>.</summary>
    public static (string Clamp, string SumOf) ExtensionNames(int seed) => ($"Clamp{seed}", $"SumOf{seed}");

    private const string Common = """
            private static int Scale(int x) => x * 3 + 1;
            private static T Larger<T>(T a, T b) where T : IComparable<T> => a.CompareTo(b) >= 0 ? a : b;
            private static int Depth(int d) => d <= 0 ? 0 : 1 + Depth(d - 1);
            private static int SumTo(int count) { int s = 0; for (int q = 0; q < count; q++) { s += q; } return s; }
            private ref struct Window
            {
                private readonly Span<int> _items;
                public Window(Span<int> items) { _items = items; }
                public int Sum() { int s = 0; for (int i = 0; i < _items.Length; i++) { s += _items[i]; } return s; }
            }

            private static readonly object Gate = new();
            private static readonly Lock Latch = new();
            private static int _cell;
            private static int _counter;
            private static void Bump(ref int x, int by) { x += by; }
            private static bool TryHalf(int x, out int half) { half = x / 2; return (x & 1) == 0; }
            private static int Peek(in int x) => x + 1;
            private static int Fail(int x) => throw new InvalidOperationException("fuzz " + x);
            private static void Guard(int x) { if (x < 0) { throw new ArgumentOutOfRangeException(nameof(x)); } }
            private static async Task<int> FetchAsync(int k) { await Task.Yield(); return k * 2; }
            private static (int Lo, int Hi) MinMax(int[] xs)
            {
                int lo = int.MaxValue, hi = int.MinValue;
                foreach (int x in xs) { if (x < lo) { lo = x; } if (x > hi) { hi = x; } }
                return (lo, hi);
            }

            [PerformanceInterface]
            public static long Annotated(int count) { long s = 0; for (int q = 0; q < count; q++) { s += q * q; } return s; }

            private class Shape(int size)
            {
                public int Size => size;
                public virtual int Area() => size * size;
            }

            private sealed class Square(int side) : Shape(side + 1)
            {
                public override int Area() => base.Area() + side;
            }

            private sealed class Lease(int value) : IDisposable
            {
                public int Value => value;
                public void Dispose() { _counter++; }
            }

            private sealed record Pair(int Left, int Right) { public int Sum => Left + Right; }
            private readonly record struct Cell(int Row, int Col);

        """;
}
