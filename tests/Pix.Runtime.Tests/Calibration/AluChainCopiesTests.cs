using System;
using System.Linq;
using Pix.Calibration.Kernels;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>The ALU chain's copies that <c>pix calibrate</c>'s children time (<see cref="LatencyKernels.AluCopies"/>).</summary>
public sealed class AluChainCopiesTests
{
    [Fact]
    public void The_copies_are_one_method_over_distinct_value_types_so_each_is_compiled_and_placed_apart()
    {
        Type[] markers = LatencyKernels.AluCopies.Select(c => Assert.Single(c.Method.GetGenericArguments())).ToArray();

        Assert.Equal(PlacementCopies.Count, markers.Length);
        Assert.All(markers, m => Assert.True(m.IsValueType));
        Assert.Equal(markers.Length, markers.Distinct().Count());
        Assert.Single(LatencyKernels.AluCopies.Select(c => c.Method.GetGenericMethodDefinition()).Distinct());
    }

    [Fact]
    public void Every_copy_computes_what_the_catalogues_alu_chain_computes()
    {
        var state = new KernelState();
        long expected = LatencyKernels.Alu(state, 256);

        Assert.All(LatencyKernels.AluCopies, copy => Assert.Equal(expected, copy(state, 256)));
    }
}
