using System.Text;
using Pix;

namespace Quickstart;

/// <summary>String building.</summary>
public static partial class Text
{
    /// <summary>
    /// <paramref name="word"/> written <paramref name="count"/> times, separated by
    /// <paramref name="separator"/>, into a builder sized up front.
    /// </summary>
    [PerformanceInterface, PerformanceInputs(nameof(Words), Sizes = new[] { 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096 })]
    public static string Repeat(string word, char separator, int count)
    {
        var builder = new StringBuilder((word.Length + 1) * count);
        for (int i = 0; i < count; i++)
        {
            builder.Append(word);
            builder.Append(separator);
        }

        return builder.ToString();
    }
}
