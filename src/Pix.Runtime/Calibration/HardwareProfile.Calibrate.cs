using System;
using System.Threading;
using Pix.Calibration;

namespace Pix;

public sealed partial class HardwareProfile
{
    /// <summary>
    /// Measures this machine, now, and returns its profile: micro-kernels per operation class (a
    /// dependency chain for latency, independent streams for throughput), a non-negative least-squares
    /// fit across kernels, about 15 seconds with the default options. Close other work first: the
    /// profile is only as quiet as the machine.
    /// </summary>
    public static HardwareProfile Calibrate(CalibrationOptions? options = null, IProgress<CalibrationProgress>? progress = null) =>
        CalibrateWithReport(options, progress).Profile;

    /// <summary>Like <see cref="Calibrate"/>, and also returns every kernel's timing, the fit's error on it, and how each class was obtained.</summary>
    public static CalibrationResult CalibrateWithReport(
        CalibrationOptions? options = null,
        IProgress<CalibrationProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        new Calibrator(options ?? CalibrationOptions.Default, progress, cancellationToken).Run();
}
