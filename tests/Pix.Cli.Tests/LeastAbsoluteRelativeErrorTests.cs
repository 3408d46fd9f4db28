using System.Linq;
using Pix.Cli.Validation;

namespace Pix.Cli.Tests;

public sealed class LeastAbsoluteRelativeErrorTests
{
    [Fact]
    public void One_coefficient_is_the_median_not_the_mean()
    {
        // x · 1 ≈ b: the sum of |x − bᵢ| is least at the median (3); least squares would give the mean (22).
        double[][] a = Enumerable.Repeat(new[] { 1.0 }, 5).ToArray();
        double[] b = { 1, 2, 3, 4, 100 };

        Assert.Equal(3, LeastAbsoluteRelativeError.Solve(a, b)[0], 6);
    }

    [Fact]
    public void Exact_data_is_fitted_exactly()
    {
        // b = 2·x₀ + 0.5·x₁ on rows that tell them apart.
        double[][] a = { new[] { 1.0, 0 }, new[] { 1.0, 1 }, new[] { 1.0, 4 }, new[] { 1.0, 9 } };
        double[] b = a.Select(r => (2 * r[0]) + (0.5 * r[1])).ToArray();

        double[] x = LeastAbsoluteRelativeError.Solve(a, b);

        Assert.Equal(2, x[0], 6);
        Assert.Equal(0.5, x[1], 6);
    }

    [Fact]
    public void Coefficients_stay_non_negative()
    {
        double[][] a = { new[] { 1.0 }, new[] { 2.0 }, new[] { 3.0 } };

        Assert.Equal(0, LeastAbsoluteRelativeError.Solve(a, new[] { -1.0, -2, -3 })[0]);
    }

    [Fact]
    public void Penalty_rows_decide_only_what_the_data_leaves_open()
    {
        // Two identical columns: the data fixes their sum (2); the pull of each towards 1 splits it evenly.
        const double Pull = 1e-3;
        double[][] a = { new[] { 1.0, 1 }, new[] { 2.0, 2 }, new[] { Pull, 0 }, new[] { 0, Pull } };
        double[] b = { 2, 4, Pull, Pull };

        double[] x = LeastAbsoluteRelativeError.Solve(a, b, penaltyRows: 2);

        Assert.Equal(1, x[0], 4);
        Assert.Equal(1, x[1], 4);
    }
}
