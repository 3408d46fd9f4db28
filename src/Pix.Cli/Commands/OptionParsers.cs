using System;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Pix.Cli.Commands;

/// <summary>Parsers for option values that need a range check with a clear message (a validator cannot see unparsable text).</summary>
internal static class OptionParsers
{
    /// <summary>
    /// The longest duration any option takes: a week. A calibration or warm-up runs for seconds to minutes, so more is
    /// a typo; and a bound keeps every duration derived from one (the calibration's default ceiling is twice its budget)
    /// within <see cref="TimeSpan"/>, whose overflow was an exception and its stack instead of a message.
    /// </summary>
    public const double MaxSeconds = 7 * 24 * 3600;

    /// <summary>A finite number of seconds, at least <paramref name="minimum"/> and at most <see cref="MaxSeconds"/>.</summary>
    public static Func<ArgumentResult, double> Seconds(string option, double minimum, double defaultValue) => result =>
    {
        if (result.Tokens.Count == 0)
        {
            return defaultValue;
        }

        string text = result.Tokens[0].Value;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsNaN(value) || double.IsInfinity(value) || value < minimum || value > MaxSeconds)
        {
            result.AddError($"{option} takes a number of seconds, at least {minimum.ToString(CultureInfo.InvariantCulture)} and at most {MaxSeconds.ToString(CultureInfo.InvariantCulture)} (a week); got '{text}'.");
            return defaultValue;
        }

        return value;
    };
}
