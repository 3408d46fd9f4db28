using System;
using System.IO;
using System.Text;

namespace Pix.Json;

/// <summary>Writes a file so that readers see either the old or the new content, never a torn one.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes UTF-8 (no BOM) text to a temporary file beside <paramref name="path"/>, flushes it,
    /// then moves it over the target. On any failure the temporary file is removed and the target is
    /// untouched.
    /// </summary>
    public static void WriteAllText(string path, string text)
    {
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Cannot write '{path}': directory '{directory}' does not exist.");
        }

        string temp = Path.Combine(directory, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(fullPath))
            {
                File.Replace(temp, fullPath, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temp, fullPath);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
