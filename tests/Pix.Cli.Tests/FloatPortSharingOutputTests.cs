using System;
using System.Collections.Generic;
using System.IO;
using Pix.Cli.Commands;

namespace Pix.Cli.Tests;

/// <summary>What <c>pix calibrate</c> says about how much the float adds and multiplies share their ports.</summary>
public sealed class FloatPortSharingOutputTests
{
    [Theory]
    [InlineData(0.148, "Float ports: adds and multiplies share them 0.15 (0: ports of their own, 1: one pool). Measured: the float-port kernel's time beyond its busier kind's.")]
    [InlineData(null, "Float ports: the float-port kernel gave no usable figure; shared (1), the default.")]
    public void The_calibration_summary_says_what_the_float_port_kernel_measured(double? sharing, string line)
    {
        HardwareProfile profile = sharing is { } s ? HardwareProfile.Reference.WithFloatPortSharing(s) : HardwareProfile.Reference;
        var kernels = new[] { new KernelTiming("float ports: 12 sub, 12 mul", "float ports", 1.83, 1.83, 0, 0) };
        var result = new CalibrationResult(profile, kernels, new Dictionary<OperationClass, string>(), 0, 1, TimeSpan.Zero)
        {
            MeasuredFloatPortSharing = sharing,
        };
        var output = new StringWriter();

        CalibrateCommand.WriteSummary(result, output);

        Assert.Contains(line, output.ToString());
    }
}
