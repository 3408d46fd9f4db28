using System;
using System.Globalization;

namespace Pix.Robustness.Tests.Fuzzing;

/// <summary>
/// How much to fuzz. The regular suite runs a fixed-seed slice; a long run sets
/// <c>PIX_FUZZ_PROGRAMS</c> (programs to generate) and <c>PIX_FUZZ_SEED</c> (first seed).
/// </summary>
internal static class FuzzSettings
{
    /// <summary>Programs in the regular suite: small enough to stay well under 30 s on a busy 2-core machine.</summary>
    internal const int DefaultPrograms = 8;

    /// <summary>First seed of the regular suite; program k uses seed + k, so any failure names its seed.</summary>
    internal const int DefaultSeed = 20261129;

    public static int Programs => Read("PIX_FUZZ_PROGRAMS", DefaultPrograms);

    public static int Seed => Read("PIX_FUZZ_SEED", DefaultSeed);

    private static int Read(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;
}
