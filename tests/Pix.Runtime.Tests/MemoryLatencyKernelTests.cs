using System;
using System.Linq;
using Pix.Calibration.Kernels;

namespace Pix.Runtime.Tests;

/// <summary>
/// The memory-latency kernel: its figure is the median of the timed pieces (not the quietest, not the mean: a piece
/// the scheduler interrupted spoils only itself), and a run times every piece of every lap.
/// </summary>
public sealed class MemoryLatencyKernelTests
{
    [Fact]
    public void The_figure_is_the_median_of_the_pieces()
    {
        // Memory's moment moves between 96 and 130 ns a load; one piece was interrupted for a time slice.
        double[] pieces = { 104, 96, 130, 101, 50_000, 99, 110 };
        Assert.Equal(104, MemoryLatencyKernel.Figure(pieces));
        Assert.Equal(102.5, MemoryLatencyKernel.Figure(new double[] { 101, 104, 96, 130 }));
        Assert.Throws<ArgumentException>(() => MemoryLatencyKernel.Figure(Array.Empty<double>()));
    }

    [Fact]
    public void A_run_times_every_piece_of_every_lap_and_its_figure_is_their_median()
    {
        var kernel = new MemoryLatencyKernel(new int[(8 << 20) / sizeof(int)], seed: 1);
        MemoryLatencyTiming timing = kernel.Measure();

        Assert.Equal(MemoryLatencyKernel.Repetitions * MemoryLatencyKernel.LinksPerLap / MemoryLatencyKernel.ChunkLinks, timing.PiecesNs.Count);
        Assert.Equal(MemoryLatencyKernel.Figure(timing.PiecesNs), timing.LatencyNs);
        Assert.True(timing.PiecesNs.All(ns => ns > 0 && !double.IsInfinity(ns)));
        Assert.InRange(timing.LatencyNs, timing.LowestNs, timing.HighestNs);
    }
}
