using System.Linq;
using System.Text;
using Pix.Cli.Output;

namespace Pix.Cli.Validation;

/// <summary>Writes a validation run as Markdown: one table per method, MAPE per method and overall, noise beside each figure.</summary>
internal static class MarkdownReport
{
    public static string Write(ValidationReport report, string? svgFileName, string commandLine)
    {
        var md = new StringBuilder();
        md.Append("# Accuracy of ").Append(report.Assembly).Append("\n\n");
        md.Append("Predicted: the generated `LatencyOf_X` on profile `").Append(report.Profile.Name).Append("` (")
          .Append(report.Profile.Machine.Cpu).Append(", ").Append(report.Profile.Machine.Runtime).Append("; calibrated under ")
          .Append(report.Profile.Machine.JitSettings).Append("). Measured under ").Append(Deployment.Current().JitSettings).Append('.');
        if (report.ProfileIsReference)
        {
            md.Append(" This is the shipped reference profile, not a calibration of the machine that measured.");
        }

        md.Append("\nMeasured: ").Append(report.MeasuredAs).Append("; median of timed batches after a time-based warm-up (`Pix.Measurement`), of those no gen-0 collection ran in when a third or more of them are such (the profile prices an allocation without its collections). Noise: the batches' coefficient of variation (CV), and their interquartile range over the median, which one preempted batch cannot inflate. Issue rate: operations per cycle the core issued around each measurement (`Measurement.CoreIssueRate`); well below the core's width, another hardware thread shared the core and code bound by the issue rate ran slower.\n\n");
        md.Append(Commands.ValidateCommand.MachineStateLegend).Append("\n\n");
        md.Append("Command: `").Append(commandLine).Append("`\n\n");

        var validated = report.Methods.Where(m => m.Validated).ToList();
        if (validated.Count > 0)
        {
            md.Append("| method | sizes | MAPE | sizes on a core of their own | their MAPE | median CV | machine before -> after |\n|---|---:|---:|---:|---:|---:|---|\n");
            foreach (MethodValidation m in validated)
            {
                md.Append("| `").Append(m.Method).Append("` | ").Append(m.Points.Count).Append(" | ")
                  .Append(Format.Percent(m.Mape)).Append(" | ").Append(m.OwnCorePoints.Count()).Append(" | ")
                  .Append(Format.PercentOrDash(m.OwnCoreMape)).Append(" | ").Append(Format.Percent(m.MedianNoise)).Append(" | ")
                  .Append(m.StateFactors).Append(" |\n");
            }

            md.Append("| **overall** | ").Append(report.PointCounts.All).Append(" | **")
              .Append(Format.Percent(report.OverallMape)).Append("** | ").Append(report.PointCounts.OwnCore).Append(" | **")
              .Append(Format.PercentOrDash(report.OverallOwnCoreMape)).Append("** | | |\n\n");
        }

        if (svgFileName is not null && validated.Count > 0)
        {
            md.Append("![predicted vs measured](").Append(svgFileName).Append(")\n\n");
        }

        foreach (MethodValidation m in validated)
        {
            md.Append("## `").Append(m.Method).Append("`\n\n");
            md.Append("| size | predicted | measured | CV | IQR/median | issue rate | error |\n|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (ValidationPoint p in m.Points)
            {
                md.Append("| ").Append(p.Size).Append(" | ").Append(p.Predicted).Append(" | ").Append(p.Measured.Median)
                  .Append(p.Measured.Settled ? string.Empty : " (not settled)")
                  .Append(p.Measured.CoreShared ? " (core shared)" : string.Empty)
                  .Append(p.SlowerModeLeftOut is { Count: > 0 } slower ? " (faster mode; slower left out: " + string.Join(", ", slower) + ")" : string.Empty).Append(" | ")
                  .Append(Format.Percent(p.Measured.CoefficientOfVariation)).Append(" | ")
                  .Append(Format.Percent(p.Measured.RelativeInterquartileRange)).Append(" | ")
                  .Append(Format.IssueRate(p.Measured.IssueRate)).Append(" | ")
                  .Append(Format.SignedPercent(p.SignedError)).Append(" |\n");
            }

            if (m.StateBefore is not null || m.StateAfter is not null)
            {
                md.Append("\nMachine before the sweep: ").Append(m.StateBefore?.ToString() ?? "-").Append(".\nMachine after: ").Append(m.StateAfter?.ToString() ?? "-").Append(".\n");
            }

            md.Append("\nMAPE ").Append(Format.Percent(m.Mape)).Append("; on a core of its own ")
              .Append(Format.PercentOrDash(m.OwnCoreMape)).Append(" (").Append(m.OwnCorePoints.Count()).Append(" of ").Append(m.Points.Count).Append(" sizes).\n\n");
            if (m.DroppedNote() is string dropped)
            {
                md.Append("Cold start: ").Append(dropped).Append(".\n\n");
            }

            if (m.Judgement?.Note() is string judged)
            {
                md.Append("Shared core: ").Append(judged).Append(".\n\n");
            }

            if (m.Fit is DeploymentFit fit)
            {
                md.Append("Deployment-specific fit (").Append(FitForm.Name(fit.Kind)).Append("; ").Append(fit.ChosenBecause)
                  .Append(m.NoTermsBecause is null ? string.Empty : "; no per-term form: " + m.NoTermsBecause)
                  .Append(") on sizes ").Append(string.Join(", ", fit.TrainingSizes))
                  .Append(": measured ≈ ").Append(fit.Describe())
                  .Append(". MAPE on the held-out sizes ").Append(string.Join(", ", fit.HeldOutSizes)).Append(": ")
                  .Append(Format.Percent(fit.HeldOutMapeBefore)).Append(" with the interface as generated, ")
                  .Append(Format.Percent(fit.HeldOutMapeAfter)).Append(" after the fit")
                  .Append(fit.SharedCoreNote() is string note ? "; " + note : string.Empty)
                  .Append(fit.UnmeasurableNote() is string unmeasurable ? "; " + unmeasurable : string.Empty).Append(".\n\n");
                if (fit.DescribeCandidates() is string forms)
                {
                    md.Append("Forms considered (leave-one-out error on the training sizes, what the choice is made on → MAPE on the held-out sizes, not used to choose): ")
                      .Append(forms).Append(".\n\n");
                }
            }
        }

        var skipped = report.Methods.Where(m => !m.Validated).ToList();
        if (skipped.Count > 0)
        {
            md.Append("## Not validated\n\n");
            foreach (MethodValidation m in skipped)
            {
                md.Append("- `").Append(m.Method).Append("`: ").Append(m.NotValidatedBecause ?? "no sizes").Append('\n');
            }

            md.Append('\n');
        }

        return md.ToString();
    }
}
