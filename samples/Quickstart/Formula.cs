using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Pix;

namespace Quickstart;

/// <summary>
/// An interface seen along one variable: <c>LatencyOf_X</c> with every input fixed except one
/// (<c>data.Length</c>, <c>n</c>, the PCV <c>matchIndex</c>), which makes it a polynomial of a known
/// degree in that variable. The generated summary states the formula on the reference profile (it is
/// written at compile time); <see cref="On"/> gives it on any profile, by evaluating the interface itself.
/// </summary>
/// <param name="Variable">The variable, as the summary names it.</param>
/// <param name="Degree">The polynomial's degree in it (3 for an n³ nest).</param>
/// <param name="PredictAt">Calls <c>LatencyOf_X</c> with the variable set to the given value.</param>
internal sealed record Formula(string Variable, int Degree, Func<int, HardwareProfile, Latency> PredictAt)
{
    /// <summary>
    /// The coefficients on <paramref name="hw"/> (constant first), interpolated exactly through the
    /// interface at 1, 2, …, Degree + 1; null when the interface does not agree with them at
    /// <paramref name="check"/> (it is not such a polynomial, so no formula is claimed).
    /// </summary>
    public double[]? On(HardwareProfile hw, int check)
    {
        int points = Degree + 1;
        double[] xs = Enumerable.Range(1, points).Select(v => (double)v).ToArray();
        double[] ys = xs.Select(v => PredictAt((int)v, hw).Nanoseconds).ToArray();
        double[] coefficients = Interpolate(xs, ys);

        double expected = PredictAt(check, hw).Nanoseconds;
        double actual = coefficients.Select((c, k) => c * Math.Pow(check, k)).Sum();
        return Math.Abs(actual - expected) <= 1e-6 * Math.Max(1, expected) ? coefficients : null;
    }

    /// <summary><c>≈ 3.10 ns + 0.52 ns × n + 1.4 ns × n²</c>, dropping terms that round to zero.</summary>
    public string Describe(double[] coefficients)
    {
        var text = new StringBuilder("≈ ");
        bool first = true;
        for (int k = 0; k < coefficients.Length; k++)
        {
            if (Math.Abs(coefficients[k]) < 0.005)
            {
                continue;
            }

            text.Append(first ? string.Empty : coefficients[k] < 0 ? " − " : " + ");
            text.Append(string.Format(CultureInfo.InvariantCulture, "{0:0.##} ns", first ? coefficients[k] : Math.Abs(coefficients[k])));
            text.Append(k switch { 0 => string.Empty, 1 => $" × {Variable}", _ => $" × {Variable}^{k}" });
            first = false;
        }

        return first ? "≈ 0 ns" : text.ToString();
    }

    /// <summary>Monomial coefficients of the polynomial through the points (Newton's divided differences).</summary>
    private static double[] Interpolate(double[] xs, double[] ys)
    {
        int n = xs.Length;
        double[] divided = (double[])ys.Clone();
        for (int j = 1; j < n; j++)
        {
            for (int i = n - 1; i >= j; i--)
            {
                divided[i] = (divided[i] - divided[i - 1]) / (xs[i] - xs[i - j]);
            }
        }

        // Expand Σ divided[j] · Π_{i<j} (x − xs[i]) into powers of x.
        var result = new double[n];
        var basis = new double[n];
        basis[0] = 1;
        for (int j = 0; j < n; j++)
        {
            for (int k = 0; k < n; k++)
            {
                result[k] += divided[j] * basis[k];
            }

            // basis *= (x − xs[j])
            for (int k = n - 1; k >= 0; k--)
            {
                basis[k] = (k > 0 ? basis[k - 1] : 0) - (xs[j] * basis[k]);
            }
        }

        return result;
    }
}
