using System.Linq;
using Microsoft.CodeAnalysis;
using Pix.Generator.Tests.Infrastructure;

namespace Pix.Generator.Tests;

/// <summary>
/// Second level: the whole generator (extractor included) on real source, compared with golden files
/// under <c>Baselines/{Test}/</c>; every output must also compile without warnings.
/// </summary>
public sealed class GeneratorOutputTests
{
    [Fact]
    public void Checksum_over_a_span() => Verify(nameof(Checksum_over_a_span), """
        using System;
        using Pix;

        namespace Demo
        {
            public static partial class Checksums
            {
                [PerformanceInterface]
                public static uint Adler32(ReadOnlySpan<byte> data)
                {
                    uint a = 1, b = 0;
                    for (int i = 0; i < data.Length; i++)
                    {
                        a = (a + data[i]) % 65521;
                        b = (b + a) % 65521;
                    }

                    return (b << 16) | a;
                }
            }
        }
        """);

    [Fact]
    public void Nested_and_triangular_loops() => Verify(nameof(Nested_and_triangular_loops), """
        using Pix;

        namespace Demo
        {
            public static partial class Loops
            {
                [PerformanceInterface]
                public static long Grid(int rows, int columns)
                {
                    long sum = 0;
                    for (int i = 0; i < rows; i++)
                    {
                        for (int j = 0; j < columns; j++)
                        {
                            sum += i * j;
                        }
                    }

                    return sum;
                }

                [PerformanceInterface]
                public static long Pairs(int[] values)
                {
                    long count = 0;
                    for (int i = 0; i < values.Length; i++)
                    {
                        for (int j = 0; j < i; j++)
                        {
                            if (values[j] < values[i])
                            {
                                count++;
                            }
                        }
                    }

                    return count;
                }
            }
        }
        """);

    [Fact]
    public void Binary_search() => Verify(nameof(Binary_search), """
        using Pix;

        namespace Demo
        {
            public static partial class Search
            {
                [PerformanceInterface]
                public static int BinarySearch(int[] sorted, int value)
                {
                    int lo = 0, hi = sorted.Length - 1;
                    while (lo <= hi)
                    {
                        int mid = lo + ((hi - lo) >> 1);
                        if (sorted[mid] == value) return mid;
                        if (sorted[mid] < value) lo = mid + 1; else hi = mid - 1;
                    }

                    return ~lo;
                }
            }
        }
        """);

    [Fact]
    public void Early_exit_search_with_a_pcv() => Verify(nameof(Early_exit_search_with_a_pcv), """
        using System;
        using Pix;

        namespace Demo
        {
            public static partial class Finder
            {
                [PerformanceInterface]
                public static int IndexOf(ReadOnlySpan<byte> data, byte value)
                {
                    for (int i = 0; i < data.Length; i++)
                    {
                        if (data[i] == value)
                        {
                            return i;
                        }
                    }

                    return -1;
                }
            }
        }
        """);

    [Fact]
    public void Cold_loads_in_a_hash_chain() => Verify(nameof(Cold_loads_in_a_hash_chain), """
        using System;
        using Pix;

        namespace Demo
        {
            public sealed partial class Table
            {
                public const int Capacity = 4096, EntryBytes = 40;
                private readonly int[] _next = new int[Capacity];
                private readonly long[] _keys = new long[Capacity];

                [PerformanceInterface]
                public int Find(int head, long key)
                {
                    PixHint.ColdLoads("tableMisses", Capacity * EntryBytes, "entries the walk loads that are not in L1");
                    for (int i = head; i >= 0; i = _next[i])
                    {
                        PixHint.Pcv("chainLength", "entries compared");
                        if (_keys[i] == key)
                        {
                            return i;
                        }
                    }

                    return -1;
                }
            }
        }
        """);

    [Fact]
    public void Branch_arm_pcv_through_a_callee() => Verify(nameof(Branch_arm_pcv_through_a_callee), """
        using System;
        using System.Buffers.Binary;
        using Pix;

        namespace Demo
        {
            public static partial class Translator
            {
                [PerformanceInterface]
                public static void Translate(Span<byte> frame, uint newAddress)
                {
                    uint oldAddress = BinaryPrimitives.ReadUInt32BigEndian(frame.Slice(26));
                    BinaryPrimitives.WriteUInt32BigEndian(frame.Slice(26), newAddress);
                    Patch(frame.Slice(40), oldAddress, newAddress);
                }

                private static void Patch(Span<byte> checksum, uint oldAddress, uint newAddress)
                {
                    if (BinaryPrimitives.ReadUInt16BigEndian(checksum) != 0)
                    {
                        PixHint.Pcv("checksumPatched", "a UDP checksum is present and patched");
                        uint sum = (uint)(~BinaryPrimitives.ReadUInt16BigEndian(checksum) & 0xFFFF);
                        sum += (~oldAddress >> 16) + (~oldAddress & 0xFFFF) + (newAddress >> 16) + (newAddress & 0xFFFF);
                        sum = (sum & 0xFFFF) + (sum >> 16);
                        sum = (sum & 0xFFFF) + (sum >> 16);
                        BinaryPrimitives.WriteUInt16BigEndian(checksum, (ushort)~sum);
                    }
                }
            }
        }
        """);

    [Fact]
    public void String_building_and_composed_methods() => Verify(nameof(String_building_and_composed_methods), """
        using System.Text;
        using Pix;

        namespace Demo
        {
            public static partial class Text
            {
                [PerformanceInterface]
                public static string Repeat(string s, int times)
                {
                    var builder = new StringBuilder();
                    for (int i = 0; i < times; i++)
                    {
                        builder.Append(s);
                    }

                    return builder.ToString();
                }

                [PerformanceInterface]
                public static int Sum(int[] values)
                {
                    int sum = 0;
                    foreach (int v in values)
                    {
                        sum += v;
                    }

                    return sum;
                }

                [PerformanceInterface]
                public static int SumTwice(int[] values) => Sum(values) + Sum(values);
            }
        }
        """);

    [Fact]
    public void Type_and_member_shapes() => Verify(nameof(Type_and_member_shapes), """
        using System;
        using System.Collections.Generic;
        using Pix;

        namespace Demo.Shapes
        {
            public partial class Counter
            {
                private int _count;

                [PerformanceInterface]
                public int Add(int n)
                {
                    for (int i = 0; i < n; i++) _count++;
                    return _count;
                }

                [PerformanceInterface]
                internal static int Add(int n, out int previous) { previous = n; return n + 1; }

                [PerformanceInterface]
                protected int Add(long n) => (int)n;
            }

            internal partial struct Point
            {
                [PerformanceInterface]
                public readonly int Manhattan(ref int x, in int y, ref readonly int z) => Math.Abs(x) + Math.Abs(y) + z;
            }

            public partial record Order(int Id)
            {
                [PerformanceInterface]
                public int Total(params int[] lines)
                {
                    int total = 0;
                    foreach (int line in lines) total += line;
                    return total;
                }
            }

            public partial record struct Money(decimal Amount)
            {
                [PerformanceInterface]
                public static Money Zero() => new Money(0);
            }

            public static partial class Outer
            {
                public partial class Box<T> where T : IComparable<T>
                {
                    [PerformanceInterface]
                    public static TResult Max<TResult>(List<T> items, Func<T, TResult> selector)
                        where TResult : struct, IComparable<TResult>
                    {
                        TResult best = default;
                        foreach (T item in items)
                        {
                            TResult value = selector(item);
                            if (value.CompareTo(best) > 0) best = value;
                        }

                        return best;
                    }
                }
            }

            public static partial class Extensions
            {
                [PerformanceInterface]
                public static int CountZeros(this ReadOnlySpan<byte> data, scoped Span<int> scratch)
                {
                    int zeros = 0;
                    for (int i = 0; i < data.Length; i++) if (data[i] == 0) zeros++;
                    return zeros;
                }
            }
        }
        """);

    [Fact]
    public void Global_namespace() => Verify(nameof(Global_namespace), """
        using Pix;

        public static partial class TopLevel
        {
            [PerformanceInterface(Resolution = 0)]
            public static int Twice(int x) => x * 2;
        }
        """);

    private static void Verify(string test, string source)
    {
        // Documentation diagnosed, so every generated cref and paramref is checked too.
        Compilation input = Pix.Testing.TestCompilation.CreateNamed("GoldenTest", source);
        SyntaxTree tree = input.SyntaxTrees.Single();
        input = input.ReplaceSyntaxTree(tree, tree.WithRootAndOptions(tree.GetRoot(), Compile.Latest));
        Pix.Testing.TestCompilation.AssertNoErrors(input);
        (Compilation output, GeneratorRunResult run) = GeneratorRunner.Run(input);
        GoldenFiles.Verify(test, GeneratorRunner.Files(run));
        Pix.Testing.TestCompilation.AssertNoErrors(output);
        Compile.AssertGeneratedClean(output);
    }
}
