using System.Globalization;
using Pix.Calibration;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>
/// The cache levels the cold-load traces simulate (<see cref="CacheSimulation"/>): this machine's L1 data cache,
/// its whole L2 and, given a profile, a third level as far as its curve says the L3 reaches (<see cref="WithL3From"/>). Read
/// by the runtime (<see cref="CacheGeometry.Current"/>: Linux's sysfs, else the C library); where neither describes them
/// (Windows, macOS, a container hiding them), the Sapphire Rapids Xeon the samples were first measured on, and
/// <see cref="Source"/> says so.
/// </summary>
/// <remarks>
/// The whole L2, since a hint's loads are counted per level: a load that misses L1 and is served by L2 is the hint's
/// <c>{name}FromL2</c> count, priced at the curve's L2 plateau (the latency of a chase over half the L2, which a chase
/// keeps in it); one that misses the whole L2 is its <c>name</c> count, priced at the curve at the structure's size.
/// Until the fifteenth session the traces simulated half the L2 and had one count (docs/accuracy.md).
/// </remarks>
/// <param name="L3Bytes">The simulated third level's size, 0 for none (see <see cref="WithL3From"/>).</param>
/// <param name="L3Ways">Its associativity.</param>
public sealed record MachineCaches(int L1Bytes, int L1Ways, int L2Bytes, int L2Ways, string Source, int L3Bytes = 0, int L3Ways = 16)
{
    /// <summary>The Xeon (Sapphire Rapids) the samples were first measured on: L1d 48 KiB 12-way, L2 2 MiB 16-way.</summary>
    public static MachineCaches SapphireRapids { get; } = new(48 << 10, 12, 2 << 20, 16, "assumed: the Sapphire Rapids Xeon the samples were first measured on");

    /// <summary>
    /// This machine's caches, read once per process: what the runtime reads from sysfs or, on a guest whose sysfs has
    /// no cache folders (the twentieth session's AMD EPYC VM), from the C library (<see cref="CacheGeometry.Current"/>);
    /// else the Xeon's.
    /// </summary>
    public static MachineCaches Current { get; } = From(CacheGeometry.Current) ?? SapphireRapids;

    /// <summary>
    /// The level-1 data cache and the L2 of <paramref name="geometry"/>, or null when either is unknown, says no
    /// associativity, or cannot be simulated (not whole sets of lines). Not the Xeon's as a stand-in for one level: where
    /// sysfs has no cache folders, the Xeon's 2 MiB L2 would otherwise be simulated on a machine whose L2 is half or a
    /// quarter of it, so a table of 1–2 MiB would be traced as fitting in L2 and its L1 misses priced as beyond it
    /// (docs/accuracy.md, twentieth session).
    /// </summary>
    public static MachineCaches? From(CacheGeometry geometry)
    {
        if (geometry.L1Data is not { } l1 || geometry.L2 is not { } l2 || Geometry(l1) is not { } first || Geometry(l2) is not { } second)
        {
            return null;
        }

        return new MachineCaches(first.Bytes, first.Ways, second.Bytes, second.Ways, geometry.Source);
    }

    /// <summary>A fresh simulation of these caches (every level empty).</summary>
    public CacheSimulation NewSimulation() =>
        L3Bytes > 0
            ? new(new CacheLevel(L1Bytes, L1Ways), new CacheLevel(L2Bytes, L2Ways), new CacheLevel(L3Bytes, L3Ways))
            : new(new CacheLevel(L1Bytes, L1Ways), new CacheLevel(L2Bytes, L2Ways));

    /// <summary>
    /// These caches with a third level as large as <paramref name="hw"/>'s curve says the last level reaches
    /// (<see cref="HardwareProfile.EffectiveL3Bytes"/>, rounded down to whole sets of <see cref="L3Ways"/> lines), so a
    /// traced miss can say whether memory served it: the hint's <c>{name}FromMemory</c> count. Not sysfs's L3 size: on this
    /// VM sysfs names the package's 32 MiB while the curve steps at 1.4–13.4 MiB, as busy as the neighbours are, and the curve
    /// is what prices the loads. Unchanged (no third level, every <c>FromMemory</c> count 0) when the profile knows no
    /// reach, or one no larger than L2.
    /// </summary>
    public MachineCaches WithL3From(HardwareProfile hw)
    {
        if (hw.EffectiveL3Bytes is not { } reach || reach <= L2Bytes || reach >= int.MaxValue)
        {
            return this;
        }

        int set = L3Ways * CacheLevel.LineBytes;
        int bytes = (int)(reach / set) * set;
        return this with { L3Bytes = bytes, Source = Source + $"; L3: the reach of {hw.Name}'s curve" };
    }

    /// <summary>
    /// The same machine, simulated so that a traced load counts when it misses L1 (the second level is made L1's
    /// twin: it holds what L1 holds): with <see cref="ServingHalfL2"/>, what the <c>levels</c> command of the driver
    /// groups packets by.
    /// </summary>
    public MachineCaches ServingL1Only() => this with { L2Bytes = L1Bytes, L2Ways = L1Ways, Source = Source + "; L2 simulated as L1's twin: L1 misses counted" };

    /// <summary>
    /// The same machine with half its L2 simulated, as the traces did before loads were counted per level (the part of
    /// L2 a random chase keeps): a traced load counts when it misses L1 and that half.
    /// </summary>
    public MachineCaches ServingHalfL2() => this with { L2Bytes = L2Bytes / 2, Source = Source + "; half the L2 simulated" };

    /// <summary>One line for a report: what is simulated and where it came from.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"L1d {L1Bytes >> 10} KiB {L1Ways}-way, L2 {L2Bytes >> 10} KiB {L2Ways}-way{(L3Bytes > 0 ? $", L3 {L3Bytes >> 10} KiB {L3Ways}-way" : "")} ({Source})");

    private static (int Bytes, int Ways)? Geometry(CacheLevelGeometry level) =>
        level.Bytes is > 0 and <= int.MaxValue && level.Ways > 0 && Simulable((int)level.Bytes, level.Ways) ? ((int)level.Bytes, level.Ways) : null;

    private static bool Simulable(int bytes, int ways) => ways > 0 && bytes > 0 && bytes % (ways * CacheLevel.LineBytes) == 0;
}
