using System;
using System.Globalization;

namespace Pix.Analyzers.Budget;

/// <summary>
/// Parses a latency budget as people write it: a positive number and a unit, <c>2us</c>, <c>2 µs</c>,
/// <c>1.5ms</c>, <c>500ns</c>, <c>0.01s</c> (invariant culture; <c>μ</c>, the Greek letter, is accepted
/// as well as the micro sign <c>µ</c>). No unit-less numbers: <c>"2"</c> could mean anything.
/// </summary>
internal static class BudgetText
{
    private static readonly (string Unit, double Nanoseconds)[] Units =
    {
        ("ns", 1), ("us", 1e3), ("\u00B5s", 1e3), ("\u03BCs", 1e3), ("ms", 1e6), ("s", 1e9),
    };

    /// <summary>The budget in nanoseconds, or false with what is wrong in <paramref name="problem"/>.</summary>
    public static bool TryParse(string? text, out double nanoseconds, out string problem)
    {
        nanoseconds = 0;
        string t = text?.Trim() ?? string.Empty;
        foreach ((string unit, double scale) in Units)
        {
            if (!t.EndsWith(unit, StringComparison.Ordinal))
            {
                continue;
            }

            string number = t.Substring(0, t.Length - unit.Length).TrimEnd();
            if (number.Length > 0 && char.IsLetter(number[number.Length - 1]))
            {
                continue; // "2ms" must not be read as "2m" + "s".
            }

            if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
                || double.IsInfinity(value) || value <= 0)
            {
                break;
            }

            nanoseconds = value * scale;
            problem = string.Empty;
            return true;
        }

        problem = $"Budget \"{text}\" is not a latency: write a positive number and a unit (ns, us, µs, ms, s), e.g. \"2us\" or \"1.5 ms\"";
        return false;
    }
}
