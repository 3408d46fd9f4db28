using System;
using System.Globalization;
using System.IO;

namespace Pix.Samples.Tests.Conciseness;

/// <summary>
/// The line written under a timing table that <c>PIX_UPDATE_DOCS=1</c> refreshes: when, and at what load.
/// Timings on a shared machine mean nothing without the load, and the tables are refreshed as a side
/// effect of refreshing the interface tables next to them.
/// </summary>
internal static class TimingConditions
{
    public static string Line() =>
        string.Create(CultureInfo.InvariantCulture, $"(Written by the test {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}.)");

    private static string LoadAverage()
    {
        // Linux only: elsewhere the table says the load is unknown rather than leave it out.
        const string LoadFile = "/proc/loadavg";
        if (!File.Exists(LoadFile))
        {
            return "unknown";
        }

        string[] fields = File.ReadAllText(LoadFile).Split(' ');
        return fields.Length >= 3 ? $"{fields[0]} / {fields[1]} / {fields[2]} (1 / 5 / 15 min)" : "unknown";
    }
}
