using System.Globalization;

namespace Pix.Cli.Output;

/// <summary>Invariant number formatting shared by the commands' tables.</summary>
internal static class Format
{
    public static string Ns(double ns) => ns.ToString(ns >= 100 ? "0.0" : ns >= 1 ? "0.000" : "0.0000", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A percentage, or "–" when there is none (a MAPE over no points).</summary>
    public static string PercentOrDash(double fraction) => double.IsNaN(fraction) ? "–" : Percent(fraction);

    /// <summary>Operations per cycle, or "–" when the measurement did not probe it.</summary>
    public static string IssueRate(double perCycle) => perCycle > 0 ? perCycle.ToString("0.0", CultureInfo.InvariantCulture) + "/cycle" : "–";

    public static string SignedPercent(double fraction) => (fraction >= 0 ? "+" : string.Empty) + Percent(fraction);

    public static string Number(double value, string format = "0.##") => value.ToString(format, CultureInfo.InvariantCulture);
}
