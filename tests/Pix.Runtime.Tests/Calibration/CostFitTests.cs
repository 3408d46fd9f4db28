using System;
using System.Collections.Generic;
using System.Linq;
using Pix;
using Pix.Calibration;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>The fit on synthetic kernel timings: timings made from known costs must give those costs back.</summary>
public sealed class CostFitTests
{
    private static readonly HardwareProfile Truth = HardwareProfile.Reference;

    [Fact]
    public void Recovers_latencies_from_the_real_kernel_catalogue()
    {
        List<KernelObservation> kernels = Synthesize(CalibrationKernels.All, noise: null);

        CostFitResult fit = CostFit.Fit(kernels, KernelBound.Latency);

        foreach ((OperationClass c, double cost) in fit.Costs)
        {
            Assert.Equal(Truth.LatencyNs(c), cost, 9);
        }

        Assert.Contains(OperationClass.IntegerDivide, fit.Costs.Keys);
        Assert.Contains(OperationClass.DelegateCall, fit.Costs.Keys);
        Assert.Equal(0, fit.LoopOverheadNs);
    }

    [Fact]
    public void Recovers_throughputs_from_the_real_kernel_catalogue_and_prices_its_loop_control()
    {
        List<KernelObservation> kernels = Synthesize(CalibrationKernels.All, noise: null);

        CostFitResult fit = CostFit.Fit(kernels, KernelBound.Throughput);

        foreach ((OperationClass c, double cost) in fit.Costs)
        {
            Assert.Equal(Truth.ThroughputNs(c), cost, 9);
        }

        Assert.All(fit.Kernels, k => Assert.Equal(0, k.RelativeError, 9));
        double loopControl = (2 * Truth.ThroughputNs(OperationClass.IntegerAlu)) + Truth.ThroughputNs(OperationClass.Branch);
        Assert.Equal(loopControl, fit.LoopOverheadNs, 9);
    }

    [Theory]
    [InlineData(0.03)] // the AMD EPYC of the twelfth session: the lea costs about nothing on the walk
    [InlineData(0.69)] // the Xeon of the seventh: two cycles
    public void Recovers_a_scaled_leas_chain_latency_apart_from_the_loads(double scaledLeaNs)
    {
        // The two 40-byte walks (one lea and a load, two leas and a load) beside the load chase: the lea's
        // latency must come out as itself, not folded into Load or IntegerAlu.
        HardwareProfile truth = Truth.With(OperationClass.ScaledLea, new OperationCost(scaledLeaNs, scaledLeaNs));
        List<KernelObservation> kernels = Synthesize(CalibrationKernels.All, noise: null, truth);

        CostFitResult fit = CostFit.Fit(kernels, KernelBound.Latency);

        Assert.Equal(scaledLeaNs, fit.Costs[OperationClass.ScaledLea], 9);
        Assert.Equal(Truth.LatencyNs(OperationClass.Load), fit.Costs[OperationClass.Load], 9);
        Assert.Equal(Truth.LatencyNs(OperationClass.IntegerAlu), fit.Costs[OperationClass.IntegerAlu], 9);
        Assert.DoesNotContain(OperationClass.ScaledLea, CostFit.Fit(kernels, KernelBound.Throughput).Costs.Keys);
        Assert.Contains(OperationClass.ScaledLea, CalibrationKernels.ChainOnly.Keys);
    }

    [Theory]
    [InlineData(2.7, 2.6)] // about what the interlocked kernels measured on the AMD EPYC here (docs/calibration.md)
    [InlineData(6.0, 6.0)] // the reference: 18 cycles at 3 GHz
    public void Recovers_an_atomic_read_modify_writes_latency_and_throughput(double latencyNs, double throughputNs)
    {
        HardwareProfile truth = Truth.With(OperationClass.AtomicRmw, new OperationCost(latencyNs, throughputNs));
        List<KernelObservation> kernels = Synthesize(CalibrationKernels.All, noise: null, truth);

        Assert.Equal(latencyNs, CostFit.Fit(kernels, KernelBound.Latency).Costs[OperationClass.AtomicRmw], 9);
        Assert.Equal(throughputNs, CostFit.Fit(kernels, KernelBound.Throughput).Costs[OperationClass.AtomicRmw], 9);
        Assert.Equal(Truth.ThroughputNs(OperationClass.IntegerAlu), CostFit.Fit(kernels, KernelBound.Throughput).Costs[OperationClass.IntegerAlu], 9);
    }

    [Fact]
    public void Stream_kernels_count_their_loop_control_and_chain_kernels_do_not()
    {
        // "loop" is x ^= i alone: one ALU operation of its own, plus the counter, compare and back-edge.
        CalibrationKernel loop = CalibrationKernels.All.Single(k => k.Name == "loop");
        Assert.Equal(3, loop.CountsPerIteration[OperationClass.IntegerAlu]);
        Assert.Equal(1, loop.CountsPerIteration[OperationClass.Branch]);

        CalibrationKernel chain = CalibrationKernels.All.Single(k => k.Name == "fadd chain");
        Assert.Equal(new[] { OperationClass.FloatAdd }, chain.CountsPerIteration.Keys);
    }

    [Fact]
    public void Every_class_is_either_fitted_or_derived()
    {
        var fitted = CalibrationKernels.All.SelectMany(k => k.CountsPerIteration.Keys).ToHashSet();
        var bulk = new[] { OperationClass.CopiedByte, OperationClass.ComparedByte, OperationClass.HashedByte };
        var paired = new[] { OperationClass.BranchMiss, OperationClass.LoopExitMiss }; // BranchMissKernels: random against equal bits; LoopExitKernels: random against fixed exits
        var residual = new[] { OperationClass.LibraryCopyCall }; // LibraryCopyCallKernel: its time beyond its other counts
        var latencyFitted = CalibrationKernels.All.Where(k => k.Bound == KernelBound.Latency).SelectMany(k => k.CountsPerIteration.Keys).ToHashSet();

        foreach (OperationClass c in HardwareProfile.AllClasses)
        {
            Assert.True(fitted.Contains(c) || bulk.Contains(c) || paired.Contains(c) || residual.Contains(c), $"{c} is measured by no kernel");
            Assert.True(latencyFitted.Contains(c) || CalibrationKernels.LatencyDerivedFromThroughput.ContainsKey(c), $"{c} has no latency kernel and no documented derivation");
        }
    }

    [Fact]
    public void One_percent_noise_moves_costs_by_a_few_percent_at_most()
    {
        var random = new Random(7);
        List<KernelObservation> kernels = Synthesize(CalibrationKernels.All, noise: () => 1 + ((random.NextDouble() * 2) - 1) * 0.01);

        CostFitResult latency = CostFit.Fit(kernels, KernelBound.Latency);
        CostFitResult throughput = CostFit.Fit(kernels, KernelBound.Throughput);

        foreach ((OperationClass c, double cost) in latency.Costs)
        {
            Assert.InRange(cost / Truth.LatencyNs(c), 0.9, 1.1);
        }

        // Classes that are small parts of big kernels are the least determined: allow them more.
        foreach ((OperationClass c, double cost) in throughput.Costs.Where(p => p.Key is not OperationClass.BoundsCheck and not OperationClass.Store and not OperationClass.Branch))
        {
            Assert.InRange(cost / Truth.ThroughputNs(c), 0.8, 1.2);
        }
    }

    [Fact]
    public void Costs_never_go_negative_even_when_data_asks_for_it()
    {
        // a alone takes 2 ns; a + b together take 1.5 ns: unconstrained least squares says b = -0.5.
        var kernels = new List<KernelObservation>
        {
            Observation("a", (OperationClass.IntegerAlu, 1), 2.0),
            Observation("a+b", (OperationClass.IntegerAlu, 1), (OperationClass.Branch, 1), 1.5),
        };

        CostFitResult fit = CostFit.Fit(kernels, KernelBound.Latency);

        Assert.Equal(0, fit.Costs[OperationClass.Branch]);
        Assert.InRange(fit.Costs[OperationClass.IntegerAlu], 1.5, 2.0);
    }

    [Fact]
    public void Weights_make_the_fit_care_about_relative_error()
    {
        // Two conflicting measurements of one class: 1 ns and 100 ns per op. Minimising squared relative
        // error, (x - 1)^2 + (x/100 - 1)^2, gives x = 1.01 / 1.0001 ≈ 1.01 ns; plain least squares would say 50.5.
        var kernels = new List<KernelObservation>
        {
            Observation("small", (OperationClass.IntegerAlu, 1), 1),
            Observation("large", (OperationClass.IntegerAlu, 1), 100),
        };

        double cost = CostFit.Fit(kernels, KernelBound.Latency).Costs[OperationClass.IntegerAlu];

        Assert.Equal(1.01 / 1.0001, cost, 9);
    }

    [Fact]
    public void Line_gives_per_byte_slope_and_fixed_cost()
    {
        var points = new List<(double, double)> { (256, 5 + 256 * 0.02), (1024, 5 + 1024 * 0.02), (4096, 5 + 4096 * 0.02) };

        (double perByte, double fixedNs) = CostFit.Line(points);

        Assert.Equal(0.02, perByte, 12);
        Assert.Equal(5, fixedNs, 9);
    }

    [Fact]
    public void Nnls_matches_a_hand_solved_system()
    {
        // min |Ax - b| with A = [[1,0],[0,1],[1,1]], b = [1, 2, 4] → x = (4/3, 7/3) unconstrained, both positive.
        double[] x = NonNegativeLeastSquares.Solve(
            new[] { new[] { 1.0, 0 }, new[] { 0.0, 1 }, new[] { 1.0, 1 } },
            new[] { 1.0, 2, 4 });

        Assert.Equal(4.0 / 3, x[0], 12);
        Assert.Equal(7.0 / 3, x[1], 12);
    }

    [Fact]
    public void Nnls_leaves_unused_columns_at_zero()
    {
        double[] x = NonNegativeLeastSquares.Solve(new[] { new[] { 2.0, 0 }, new[] { 4.0, 0 } }, new[] { 2.0, 4 });

        Assert.Equal(1, x[0], 12);
        Assert.Equal(0, x[1]);
    }

    private static List<KernelObservation> Synthesize(IEnumerable<CalibrationKernel> catalogue, Func<double>? noise, HardwareProfile? truth = null) =>
        catalogue.Select(k =>
        {
            double ns = Price(k, truth ?? Truth);
            return new KernelObservation(k.Name, k.Bound, k.CountsPerIteration, ns * (noise?.Invoke() ?? 1));
        }).ToList();

    /// <summary>What a kernel's iteration takes on <paramref name="truth"/>: its counts at the latency or throughput its bound reads.</summary>
    internal static double Price(CalibrationKernel k, HardwareProfile truth) =>
        k.CountsPerIteration.Sum(p => p.Value * (k.Bound == KernelBound.Latency ? truth.LatencyNs(p.Key) : truth.ThroughputNs(p.Key)));

    private static KernelObservation Observation(string name, (OperationClass, double) a, double ns) =>
        new(name, KernelBound.Latency, new Dictionary<OperationClass, double> { [a.Item1] = a.Item2 }, ns);

    private static KernelObservation Observation(string name, (OperationClass, double) a, (OperationClass, double) b, double ns) =>
        new(name, KernelBound.Latency, new Dictionary<OperationClass, double> { [a.Item1] = a.Item2, [b.Item1] = b.Item2 }, ns);
}
