using Pix;

namespace Quickstart;

/// <summary>Nested loops: a square-times-linear nest and a triangular one.</summary>
public static partial class Geometry
{
    /// <summary>
    /// The product of two <paramref name="n"/>×<paramref name="n"/> row-major matrices, the i-k-j
    /// order (the inner loop walks both <paramref name="b"/> and the result row by row).
    /// </summary>
    [PerformanceInterface, PerformanceInputs(nameof(Matrices), Sizes = new[] { 4, 6, 8, 11, 16, 22, 32, 45, 64, 90 })]
    public static double[] Multiply(double[] a, double[] b, int n)
    {
        var product = new double[n * n];
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

        return product;
    }

    /// <summary>
    /// The smallest squared distance between two of the points (<paramref name="xs"/>[i],
    /// <paramref name="ys"/>[i]): every unordered pair once, so a triangular nest (<c>j &lt; i</c>).
    /// </summary>
    [PerformanceInterface, PerformanceInputs(nameof(Points), Sizes = new[] { 16, 23, 32, 45, 64, 91, 128, 181, 256, 362, 512, 724, 1024 })]
    public static double ClosestPairDistanceSquared(double[] xs, double[] ys)
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
}
