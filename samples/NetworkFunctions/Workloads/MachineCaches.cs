using System;
using System.Globalization;
using System.IO;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>
/// The cache levels the cold-load traces simulate (<see cref="CacheSimulation"/>): this machine's L1 data cache,
/// its whole L2 and, given a profile, a third level as far as its curve says the L3 reaches (<see cref="WithL3From"/>). Read from Linux's
/// <c>/sys/devices/system/cpu/cpu0/cache</c>; where that is missing or unreadable (Windows, macOS, a container
/// hiding it), the Sapphire Rapids Xeon the samples were first measured on, and <see cref="Source"/> says so.
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
    private const string SysfsCaches = "/sys/devices/system/cpu/cpu0/cache";

    /// <summary>The Xeon (Sapphire Rapids) the samples were first measured on: L1d 48 KiB 12-way, L2 2 MiB 16-way.</summary>
    public static MachineCaches SapphireRapids { get; } = new(48 << 10, 12, 2 << 20, 16, "assumed: the Sapphire Rapids Xeon the samples were first measured on");

    /// <summary>
    /// This machine's caches, read once per process: from sysfs, else from the C library (a guest whose sysfs has no
    /// cache folders, as the twentieth session's AMD EPYC VM), else the Xeon's.
    /// </summary>
    public static MachineCaches Current { get; } = Read(SysfsCaches) ?? FromCLibrary(CLibraryCaches.Sysconf) ?? SapphireRapids;

    /// <summary>
    /// The L1 data cache and the L2 as the C library reports them (glibc's <c>sysconf</c>, which reads them from CPUID):
    /// where sysfs has no cache folders, the Xeon's 2 MiB L2 would otherwise be simulated on a machine whose L2 is half
    /// or a quarter of it, so a table of 1–2 MiB would be traced as fitting in L2 and its L1 misses priced as beyond it
    /// (docs/accuracy.md, twentieth session). Null when a size or an associativity is missing (-1 or 0: another C
    /// library, another OS) or cannot be simulated.
    /// </summary>
    /// <param name="sysconf">The C library's <c>sysconf</c> (a stand-in in tests); it is asked glibc's cache names only.</param>
    internal static MachineCaches? FromCLibrary(Func<int, long> sysconf)
    {
        long l1Bytes = sysconf(CLibraryCaches.Level1DataSize), l1Ways = sysconf(CLibraryCaches.Level1DataWays);
        long l2Bytes = sysconf(CLibraryCaches.Level2Size), l2Ways = sysconf(CLibraryCaches.Level2Ways);
        if (l1Bytes is <= 0 or > int.MaxValue || l1Ways is <= 0 or > 1024 || l2Bytes is <= 0 or > int.MaxValue || l2Ways is <= 0 or > 1024
            || !Simulable((int)l1Bytes, (int)l1Ways) || !Simulable((int)l2Bytes, (int)l2Ways))
        {
            return null;
        }

        return new MachineCaches((int)l1Bytes, (int)l1Ways, (int)l2Bytes, (int)l2Ways, "read from the C library (sysconf): sysfs has no cache folders");
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

    /// <summary>
    /// The level-1 data and level-2 caches described under <paramref name="directory"/> (sysfs's <c>index*</c>
    /// folders: <c>level</c>, <c>type</c>, <c>size</c>, <c>ways_of_associativity</c>), or null when either is missing
    /// or its geometry is not one a <see cref="CacheLevel"/> can simulate.
    /// </summary>
    public static MachineCaches? Read(string directory)
    {
        try
        {
            if (!Directory.Exists(directory))
            {
                return null;
            }

            (int Bytes, int Ways)? l1 = null, l2 = null;
            foreach (string index in Directory.GetDirectories(directory, "index*"))
            {
                string level = ReadField(index, "level"), type = ReadField(index, "type");
                if (ParseSize(ReadField(index, "size")) is not { } bytes
                    || !int.TryParse(ReadField(index, "ways_of_associativity"), NumberStyles.None, CultureInfo.InvariantCulture, out int ways))
                {
                    continue;
                }

                if (level == "1" && type == "Data")
                {
                    l1 = (bytes, ways);
                }
                else if (level == "2" && type is "Unified" or "Data")
                {
                    l2 = (bytes, ways);
                }
            }

            if (l1 is not { } first || l2 is not { } second || !Simulable(first.Bytes, first.Ways) || !Simulable(second.Bytes, second.Ways))
            {
                return null;
            }

            return new MachineCaches(first.Bytes, first.Ways, second.Bytes, second.Ways, "read from " + directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // sysfs writes sizes as "32K", "512K", "1024K" or "2M".
    internal static int? ParseSize(string text)
    {
        if (text.Length < 2)
        {
            return null;
        }

        int shift = char.ToUpperInvariant(text[text.Length - 1]) switch { 'K' => 10, 'M' => 20, _ => -1 };
        string digits = shift < 0 ? text : text.Substring(0, text.Length - 1);
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value))
        {
            return null;
        }

        long bytes = value << Math.Max(shift, 0);
        return bytes is > 0 and <= int.MaxValue ? (int)bytes : null;
    }

    private static bool Simulable(int bytes, int ways) => ways > 0 && bytes > 0 && bytes % (ways * CacheLevel.LineBytes) == 0;

    private static string ReadField(string index, string name)
    {
        string path = Path.Combine(index, name);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : "";
    }
}
