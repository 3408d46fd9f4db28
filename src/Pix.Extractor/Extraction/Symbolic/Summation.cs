using System;
using System.Collections.Generic;

namespace Pix.Extraction.Symbolic;

/// <summary>
/// Closed forms of sums over loop iterations: the cost of a dependent nest (<c>for j &lt; i</c>) is
/// the sum over the outer variable of the inner cost, a polynomial in that variable; Faulhaber's
/// formula turns Σ k^m into a polynomial in the trip count.
/// </summary>
internal static class Summation
{
    // Bernoulli numbers with B1 = -1/2, the convention for Σ_{k=0}^{N-1} k^m.
    private static readonly double[] Bernoulli = ComputeBernoulli(12);

    /// <summary>The highest power Faulhaber is applied to (beyond, the bound is used instead).</summary>
    public const int MaxDegree = 10;

    /// <summary>
    /// Σ over the iterations of a loop whose variable <paramref name="variable"/> takes the values
    /// <c>start + step·k</c> for k = 0 … trips−1, of <paramref name="body"/> (a polynomial that may
    /// read the variable). When the body is not polynomial in the variable (it occurs inside a
    /// function atom), the variable is replaced by its worse endpoint (<see cref="AtWorstEndpoint"/>).
    /// </summary>
    public static Poly SumOverIterations(Poly body, LoopVariableAtom? variable, Poly start, double step, Poly trips)
    {
        if (variable is null || !body.ContainsAtom(a => a.Equals(variable)))
        {
            return body.Times(trips);
        }

        var k = new LoopVariableAtom(-variable.Id, "k", Poly.Zero, trips);
        Poly shifted = body.Substitute(a => a.Equals(variable) ? start.Plus(Poly.Of(k).Scale(step)) : null);
        IReadOnlyDictionary<int, Poly>? coefficients = shifted.CoefficientsOf(k);
        if (coefficients is null || MaxPower(coefficients) > MaxDegree)
        {
            return AtWorstEndpoint(body, variable).Times(trips);
        }

        Poly sum = Poly.Zero;
        foreach (KeyValuePair<int, Poly> entry in coefficients)
        {
            sum = sum.Plus(entry.Value.Times(PowerSum(entry.Key, trips)));
        }

        return sum;
    }

    /// <summary>
    /// <paramref name="body"/> with <paramref name="variable"/> replaced by its first or last value,
    /// whichever prices higher at the comparison sample: an upper bound when the body is monotonic
    /// in the variable, which holds for the trip counts of ordinary nests.
    /// </summary>
    public static Poly AtWorstEndpoint(Poly body, LoopVariableAtom variable)
    {
        Poly atFirst = body.Substitute(a => a.Equals(variable) ? variable.First : null);
        Poly atLast = body.Substitute(a => a.Equals(variable) ? variable.Last : null);
        return atLast.Evaluate(_ => Sample) >= atFirst.Evaluate(_ => Sample) ? atLast : atFirst;
    }

    /// <summary>Removes every loop variable from <paramref name="poly"/> (innermost first) by <see cref="AtWorstEndpoint"/>.</summary>
    public static Poly WithoutLoopVariables(Poly poly)
    {
        for (int round = 0; round < 32; round++)
        {
            LoopVariableAtom? variable = null;
            poly.ContainsAtom(a =>
            {
                if (a is LoopVariableAtom v && (variable is null || v.Id > variable.Id))
                {
                    variable = v;
                }

                return false;
            });
            if (variable is null)
            {
                return poly;
            }

            poly = AtWorstEndpoint(poly, variable);
        }

        return poly;
    }

    private const double Sample = 64;

    /// <summary>Σ_{k=0}^{N-1} k^m as a polynomial in N (Faulhaber).</summary>
    public static Poly PowerSum(int m, Poly n)
    {
        // S_m(N) = 1/(m+1) Σ_{j=0}^{m} C(m+1, j) B_j N^(m+1-j)
        Poly sum = Poly.Zero;
        for (int j = 0; j <= m; j++)
        {
            double coefficient = Binomial(m + 1, j) * Bernoulli[j] / (m + 1);
            if (coefficient != 0)
            {
                sum = sum.Plus(n.Power(m + 1 - j).Scale(coefficient));
            }
        }

        return sum;
    }

    private static int MaxPower(IReadOnlyDictionary<int, Poly> coefficients)
    {
        int max = 0;
        foreach (int power in coefficients.Keys)
        {
            max = Math.Max(max, power);
        }

        return max;
    }

    private static double Binomial(int n, int k)
    {
        double result = 1;
        for (int i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }

    private static double[] ComputeBernoulli(int count)
    {
        // Recurrence Σ_{j=0}^{m} C(m+1, j) B_j = 0 for m ≥ 1, B_0 = 1, which yields B_1 = -1/2.
        var b = new double[count + 1];
        b[0] = 1;
        for (int m = 1; m <= count; m++)
        {
            double sum = 0;
            for (int j = 0; j < m; j++)
            {
                sum += Binomial(m + 1, j) * b[j];
            }

            b[m] = -sum / (m + 1);
        }

        return b;
    }
}
