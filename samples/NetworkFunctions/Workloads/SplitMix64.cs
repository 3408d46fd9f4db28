namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>
/// A small seeded generator (SplitMix64, Steele et al. 2014). Used instead of <see cref="System.Random"/>
/// so that a seed means the same traffic on every runtime version.
/// </summary>
public struct SplitMix64
{
    private ulong _state;

    /// <summary>Starts the sequence at <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>).</summary>
    public int Below(int bound) => (int)((Next() >> 33) % (ulong)bound);

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// A skewed index in [0, <paramref name="count"/>): small indices are much more likely (density ∝ 1/√x),
    /// a cheap stand-in for the heavy-tailed flow popularity of real traffic.
    /// </summary>
    public int Skewed(int count)
    {
        double u = NextDouble();
        return (int)(u * u * count);
    }
}
