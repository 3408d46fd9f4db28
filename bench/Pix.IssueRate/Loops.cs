using System.Runtime.CompilerServices;

namespace Pix.IssueRate;

/// <summary>
/// Copies of the throughput-bound loops whose predictions the issue width moves: the Quickstart's
/// floating-point loops (samples/Quickstart/Geometry.cs), timed per inner iteration.
/// </summary>
internal static class Loops
{
    /// <summary><c>Geometry.Multiply</c>: the inner loop is <c>product[i*n+j] += aik * b[k*n+j]</c>, no carried chain.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double Multiply(double[] a, double[] b, double[] product, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                double aik = a[i * n + k];
                for (int j = 0; j < n; j++)
                {
                    product[i * n + j] += aik * b[k * n + j];
                }
            }
        }

        return product[0];
    }

    /// <summary><c>Geometry.ClosestPairDistanceSquared</c>: every pair once, a compare against the best so far.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double ClosestPair(double[] xs, double[] ys)
    {
        double best = double.MaxValue;
        for (int i = 0; i < xs.Length; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double dx = xs[i] - xs[j];
                double dy = ys[i] - ys[j];
                double d = dx * dx + dy * dy;
                if (d < best)
                {
                    best = d;
                }
            }
        }

        return best;
    }

    /// <summary>The same inner loop over integers: what the FP units change.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long MultiplyIntegers(long[] a, long[] b, long[] product, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                long aik = a[i * n + k];
                for (int j = 0; j < n; j++)
                {
                    product[i * n + j] += aik * b[k * n + j];
                }
            }
        }

        return product[0];
    }

    /// <summary>Multiply's inner loop writing the element instead of adding to it: no load of <c>product</c>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double MultiplyStoreOnly(double[] a, double[] b, double[] product, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                double aik = a[i * n + k];
                for (int j = 0; j < n; j++)
                {
                    product[i * n + j] = aik * b[k * n + j];
                }
            }
        }

        return product[0];
    }

    /// <summary>Multiply's inner loop over spans: no bounds checks, no indexed arithmetic the JIT cannot fold.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double MultiplySpans(double[] a, double[] b, double[] product, int n)
    {
        for (int i = 0; i < n; i++)
        {
            System.Span<double> row = System.MemoryExtensions.AsSpan(product, i * n, n);
            for (int k = 0; k < n; k++)
            {
                double aik = a[i * n + k];
                System.ReadOnlySpan<double> bRow = System.MemoryExtensions.AsSpan(b, k * n, n);
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] += aik * bRow[j];
                }
            }
        }

        return product[0];
    }

    /// <summary>
    /// Twelve independent streams, each a subtract then a multiply per iteration (24 FP operations, no
    /// loads): whether floating-point adds and multiplies share their ports. Disjoint ports run it at the
    /// rate of the faster kind alone; shared ones at their pooled rate.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double FloatMix(double e, double m, int iterations)
    {
        double a0 = 1, a1 = 1, a2 = 1, a3 = 1, a4 = 1, a5 = 1, a6 = 1, a7 = 1, a8 = 1, a9 = 1, a10 = 1, a11 = 1;
        for (int i = 0; i < iterations; i++)
        {
            a0 = (a0 - e) * m; a1 = (a1 - e) * m; a2 = (a2 - e) * m; a3 = (a3 - e) * m;
            a4 = (a4 - e) * m; a5 = (a5 - e) * m; a6 = (a6 - e) * m; a7 = (a7 - e) * m;
            a8 = (a8 - e) * m; a9 = (a9 - e) * m; a10 = (a10 - e) * m; a11 = (a11 - e) * m;
        }

        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }

    /// <summary>The same with 24 subtracts (two per stream): the adders alone.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double FloatAdds(double e, int iterations)
    {
        double a0 = 1, a1 = 1, a2 = 1, a3 = 1, a4 = 1, a5 = 1, a6 = 1, a7 = 1, a8 = 1, a9 = 1, a10 = 1, a11 = 1;
        for (int i = 0; i < iterations; i++)
        {
            a0 = a0 - e - e; a1 = a1 - e - e; a2 = a2 - e - e; a3 = a3 - e - e;
            a4 = a4 - e - e; a5 = a5 - e - e; a6 = a6 - e - e; a7 = a7 - e - e;
            a8 = a8 - e - e; a9 = a9 - e - e; a10 = a10 - e - e; a11 = a11 - e - e;
        }

        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }

    /// <summary>Multiply with <c>b</c>'s row as a span (one bounds check left: product's).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double MultiplySpanB(double[] a, double[] b, double[] product, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                double aik = a[i * n + k];
                System.ReadOnlySpan<double> bRow = System.MemoryExtensions.AsSpan(b, k * n, n);
                for (int j = 0; j < bRow.Length; j++)
                {
                    product[i * n + j] += aik * bRow[j];
                }
            }
        }

        return product[0];
    }

    /// <summary>Multiply with <c>product</c>'s row as a span (one bounds check left: b's).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double MultiplySpanProduct(double[] a, double[] b, double[] product, int n)
    {
        for (int i = 0; i < n; i++)
        {
            System.Span<double> row = System.MemoryExtensions.AsSpan(product, i * n, n);
            for (int k = 0; k < n; k++)
            {
                double aik = a[i * n + k];
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] += aik * b[k * n + j];
                }
            }
        }

        return product[0];
    }
}
