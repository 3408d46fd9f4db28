using System.Globalization;
using System.IO;

namespace Pix.Cli.Commands;

/// <summary>
/// Reads a baseline file's text for <c>pix diff</c> and <c>pix baseline update</c>, refusing before it reads a file
/// too large to be one: the JSON reader rejects more than 16 Mi characters anyway, but only after the whole text
/// sits in memory, and a multi-gigabyte file (a wrong path, a log, a disk image) would take the process down first.
/// </summary>
internal static class BaselineFileText
{
    /// <summary>
    /// Largest file read: 3 × 16 Mi bytes. UTF-8 takes at most 3 bytes per UTF-16 unit, so a larger file always
    /// holds more than the 16 Mi characters the reader accepts (a real baseline is kilobytes to a few megabytes).
    /// </summary>
    internal const long MaxBytes = 3L * 16 * 1024 * 1024;

    /// <summary>The text of the baseline at <paramref name="path"/>.</summary>
    /// <exception cref="CommandLineException">The file does not exist or is too large to be a baseline.</exception>
    public static string Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new CommandLineException(Directory.Exists(path)
                ? $"baseline '{path}' is a directory; name a pix.baseline.json file."
                : $"baseline '{path}' does not exist.");
        }

        if (info.Length > MaxBytes)
        {
            throw new CommandLineException(string.Create(CultureInfo.InvariantCulture,
                $"baseline '{path}' is {info.Length:N0} bytes; a baseline is at most {MaxBytes:N0} bytes, so this is not one (nothing was read)."));
        }

        return File.ReadAllText(path);
    }
}
