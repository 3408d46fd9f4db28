using System;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Pix.Cli.Commands;

/// <summary>Parsers for option values that need a range check with a clear message (a validator cannot see unparsable text).</summary>
internal static class OptionParsers
{
    /// <summary>A finite number of seconds, at least <paramref name="minimum"/>.</summary>
    public static Func<ArgumentResult, double> Seconds(string option, double minimum, double defaultValue) => result =>
    {
        if (result.Tokens.Count == 0)
        {
            return defaultValue;
        }

        string text = result.Tokens[0].Value;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsNaN(value) || double.IsInfinity(value) || value < minimum)
        {
            result.AddError($"{option} takes a number of seconds, at least {minimum.ToString(CultureInfo.InvariantCulture)}; got '{text}'.");
            return defaultValue;
        }

        return value;
    };
}
