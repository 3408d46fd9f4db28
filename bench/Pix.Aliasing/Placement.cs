using System;
using System.Linq;
using Quickstart;

namespace Pix.Aliasing;

/// <summary>Where arrays sit (their first element's address mod 4096) and arrays made to sit elsewhere.</summary>
internal static unsafe class Placement
{
    /// <summary>The first element's address mod 4096; read at once (the array may move at the next collection, which is why it is printed per measurement).</summary>
    public static long Mod4096<T>(T[] array)
        where T : unmanaged
    {
        fixed (T* p = array)
        {
            return (long)p % 4096;
        }
    }

    /// <summary>
    /// Where three consecutive calls of Geometry.Multiply put their product, mod 4096: the allocator
    /// hands out consecutive addresses, so the product moves against b from call to call.
    /// </summary>
    public static string ProductOffsets(double[] a, double[] b, int n) =>
        string.Join(",", Enumerable.Range(0, 3).Select(_ => Mod4096(Geometry.Multiply(a, b, n))));

    /// <summary>A copy of <paramref name="source"/> allocated after <paramref name="padding"/> bytes of garbage, so it starts elsewhere.</summary>
    public static T[] CopyElsewhere<T>(T[] source, int padding)
    {
        GC.KeepAlive(new byte[padding]);
        return (T[])source.Clone();
    }

    /// <summary>The Quickstart factory's inputs (samples/Quickstart/ValidationInputs.cs, Geometry.RandomDoubles).</summary>
    public static double[] RandomDoubles(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.NextDouble()).ToArray();
    }
}
