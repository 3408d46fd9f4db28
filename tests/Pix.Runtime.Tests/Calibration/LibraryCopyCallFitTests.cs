using Pix.Calibration;
using Pix.Calibration.Kernels;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>The library copy call's cost the append kernel gives, and the kernel itself.</summary>
public sealed class LibraryCopyCallFitTests
{
    /// <summary>A profile unlike the reference: a wider core, a dearer copied byte and call, its own loads.</summary>
    private static readonly HardwareProfile Machine = HardwareProfile.Reference
        .WithIssueWidth(5)
        .With(OperationClass.CopiedByte, new OperationCost(0.021, 0.021))
        .With(OperationClass.Call, new OperationCost(1.1, 0.8))
        .With(OperationClass.Load, new OperationCost(1.2, 0.25));

    /// <summary>The kernel's iteration written out as the extractor counts a loop of appends of an 8-character word.</summary>
    private static BlockCounts Iteration(double copyCalls) =>
        BlockCounts.Of(integerAlu: 3 + 2, load: 3, store: 2, branch: 2 + 1, copiedByte: 2 * 8, libraryCopyCall: copyCalls).WithTakenBranches(1);

    [Theory]
    [InlineData(0.9)]
    [InlineData(1.9)]
    [InlineData(4.4)]
    public void A_known_copy_call_cost_is_recovered_from_the_kernels_time(double copyCallNs)
    {
        HardwareProfile truth = Machine.With(OperationClass.LibraryCopyCall, new OperationCost(copyCallNs, copyCallNs));
        double measured = truth.Price(Iteration(LibraryCopyCallKernel.AppendsPerIteration));

        // Fitted on everything else: the class still at the profile's Call cost, which must not leak into the figure.
        double? fitted = LibraryCopyCallFit.Cost(measured, Machine);

        Assert.Equal(copyCallNs, fitted!.Value, 9);
        Assert.Equal(measured, LibraryCopyCallFit.Price(Machine.With(OperationClass.LibraryCopyCall, new OperationCost(copyCallNs, copyCallNs))), 9);
    }

    [Fact]
    public void The_kernels_quietest_batch_gives_the_same_cost_whichever_speed_its_timings_medians_caught()
    {
        // Two calibrations of one machine in one speed (docs/accuracy.md, `copy23`: the four calibrations' quietest batches
        // 2.461-2.474 ns in one process, 1.934-1.936 in another; their quietest timings 2.681 and 2.814 in the first):
        // within a timing the kernel switches between its speed and a slower one, and only sometimes does a whole timing's
        // median sit at its speed. Batches cannot be faster than the work, so the quietest batch is the machine's cost.
        const double copyCallNs = 1.9;
        double quiet = Machine.With(OperationClass.LibraryCopyCall, new OperationCost(copyCallNs, copyCallNs)).Price(Iteration(LibraryCopyCallKernel.AppendsPerIteration));
        TimingFigures[] caughtItsSpeed = { new(1.25 * quiet, quiet), new(quiet * 1.01, quiet), new(1.3 * quiet, 1.002 * quiet) };
        TimingFigures[] neverCaughtIt = { new(1.25 * quiet, quiet), new(1.09 * quiet, 1.001 * quiet), new(1.3 * quiet, 1.002 * quiet) };

        double? first = LibraryCopyCallFit.Cost(KernelStatistic.Figure(caughtItsSpeed, LibraryCopyCallFit.Rule), Machine);
        double? second = LibraryCopyCallFit.Cost(KernelStatistic.Figure(neverCaughtIt, LibraryCopyCallFit.Rule), Machine);

        Assert.Equal(copyCallNs, first!.Value, 9);
        Assert.Equal(copyCallNs, second!.Value, 9);
    }

    [Fact]
    public void A_kernel_faster_than_its_other_counts_leaves_the_copy_call_free_not_negative()
    {
        double rest = Machine.Price(Iteration(0));

        Assert.Equal(0, LibraryCopyCallFit.Cost(0.5 * rest, Machine));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_timing_that_is_not_a_positive_number_gives_nothing(double ns)
    {
        Assert.Null(LibraryCopyCallFit.Cost(ns, Machine));
    }

    [Fact]
    public void The_kernel_appends_every_word_of_a_run_and_starts_again_at_the_next()
    {
        var kernel = new LibraryCopyCallKernel();

        long first = kernel.Run(16);
        long second = kernel.Run(16);
        long longer = kernel.Run(64);

        Assert.Equal(16 * LibraryCopyCallKernel.AppendsPerIteration * LibraryCopyCallKernel.WordCharacters, first);
        Assert.Equal(first, second);
        Assert.Equal(4 * first, longer);
    }
}
