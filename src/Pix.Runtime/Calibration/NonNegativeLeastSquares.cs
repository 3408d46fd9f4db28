using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Calibration;

/// <summary>
/// Solves min ‖A·x − b‖₂ subject to x ≥ 0 with the Lawson–Hanson active-set method (the algorithm
/// behind MATLAB's lsqnonneg and SciPy's nnls). Sizes here are tiny (tens of rows and columns), so
/// the unconstrained sub-problems use normal equations on unit-norm columns with pivoted elimination.
/// </summary>
internal static class NonNegativeLeastSquares
{
    /// <param name="a">Row-major matrix, <c>a[row][column]</c>.</param>
    /// <param name="b">Right-hand side, one value per row.</param>
    /// <returns>The non-negative solution; columns that are all zero get 0.</returns>
    public static double[] Solve(double[][] a, double[] b)
    {
        int rows = a.Length;
        if (rows == 0 || b.Length != rows)
        {
            throw new ArgumentException("The system needs at least one row and one right-hand side per row.");
        }

        int columns = a[0].Length;
        if (a.Any(r => r.Length != columns))
        {
            throw new ArgumentException("Every row must have the same number of columns.", nameof(a));
        }

        // Scale each column to unit norm: costs differ by orders of magnitude (a byte vs a call).
        double[] scale = new double[columns];
        for (int j = 0; j < columns; j++)
        {
            double norm = Math.Sqrt(a.Sum(r => r[j] * r[j]));
            scale[j] = norm > 0 ? norm : 0;
        }

        double[][] s = a.Select(r => r.Select((v, j) => scale[j] > 0 ? v / scale[j] : 0).ToArray()).ToArray();
        double[] x = SolveScaled(s, b, columns, scale);
        for (int j = 0; j < columns; j++)
        {
            x[j] = scale[j] > 0 ? x[j] / scale[j] : 0;
        }

        return x;
    }

    private static double[] SolveScaled(double[][] a, double[] b, int columns, double[] scale)
    {
        const double Tolerance = 1e-12;
        int maxIterations = 3 * columns + 10;
        double[] x = new double[columns];
        var passive = new List<int>();
        var candidates = new HashSet<int>(Enumerable.Range(0, columns).Where(j => scale[j] > 0));

        for (int iteration = 0; iteration < maxIterations && candidates.Count > 0; iteration++)
        {
            double[] w = Gradient(a, b, x, columns);
            int best = -1;
            foreach (int j in candidates)
            {
                if (w[j] > Tolerance && (best < 0 || w[j] > w[best]))
                {
                    best = j;
                }
            }

            if (best < 0)
            {
                break; // Kuhn–Tucker conditions hold: optimal.
            }

            candidates.Remove(best);
            passive.Add(best);

            while (true)
            {
                double[] z = SolveUnconstrained(a, b, passive, columns);
                if (passive.All(j => z[j] > Tolerance))
                {
                    x = z;
                    break;
                }

                // Step from x towards z until the first passive variable hits zero, then drop those at zero.
                double alpha = double.PositiveInfinity;
                foreach (int j in passive)
                {
                    if (z[j] <= Tolerance)
                    {
                        alpha = Math.Min(alpha, x[j] / (x[j] - z[j]));
                    }
                }

                for (int j = 0; j < columns; j++)
                {
                    x[j] += alpha * (z[j] - x[j]);
                }

                foreach (int j in passive.Where(j => x[j] <= Tolerance).ToList())
                {
                    x[j] = 0;
                    passive.Remove(j);
                    candidates.Add(j);
                }

                if (passive.Count == 0)
                {
                    break;
                }
            }
        }

        return x;
    }

    private static double[] Gradient(double[][] a, double[] b, double[] x, int columns)
    {
        double[] w = new double[columns];
        for (int i = 0; i < a.Length; i++)
        {
            double residual = b[i];
            for (int j = 0; j < columns; j++)
            {
                residual -= a[i][j] * x[j];
            }

            for (int j = 0; j < columns; j++)
            {
                w[j] += a[i][j] * residual;
            }
        }

        return w;
    }

    /// <summary>Least squares on the passive columns only (others fixed at 0), via normal equations.</summary>
    private static double[] SolveUnconstrained(double[][] a, double[] b, List<int> passive, int columns)
    {
        int n = passive.Count;
        var m = new double[n, n + 1];
        for (int p = 0; p < n; p++)
        {
            for (int q = 0; q < n; q++)
            {
                double sum = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    sum += a[i][passive[p]] * a[i][passive[q]];
                }

                m[p, q] = sum;
            }

            double rhs = 0;
            for (int i = 0; i < a.Length; i++)
            {
                rhs += a[i][passive[p]] * b[i];
            }

            m[p, n] = rhs;
        }

        double[] solution = GaussianElimination(m, n);
        double[] z = new double[columns];
        for (int p = 0; p < n; p++)
        {
            z[passive[p]] = solution[p];
        }

        return z;
    }

    private static double[] GaussianElimination(double[,] m, int n)
    {
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
            {
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (pivot != col)
            {
                for (int k = col; k <= n; k++)
                {
                    (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
                }
            }

            if (Math.Abs(m[col, col]) < 1e-14)
            {
                // Rank-deficient: this column adds nothing the others do not explain. Leave it at 0.
                m[col, col] = 1;
                for (int k = col + 1; k <= n; k++)
                {
                    m[col, k] = 0;
                }
            }

            for (int r = col + 1; r < n; r++)
            {
                double factor = m[r, col] / m[col, col];
                for (int k = col; k <= n; k++)
                {
                    m[r, k] -= factor * m[col, k];
                }
            }
        }

        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double sum = m[r, n];
            for (int k = r + 1; k < n; k++)
            {
                sum -= m[r, k] * x[k];
            }

            x[r] = sum / m[r, r];
        }

        return x;
    }
}
