using System;
using System.Collections.Generic;
using System.IO;
using Pix.Calibration;

namespace Pix.Runtime.Tests;

/// <summary>
/// The machine's L1d and L2 (<see cref="CacheGeometry"/>): read from sysfs's folders, and for a level they do not describe
/// from the C library's <c>sysconf</c> (the twentieth session's AMD EPYC guest has no sysfs cache folders).
/// </summary>
public sealed class CacheGeometryTests : IDisposable
{
    // What glibc answered on the twentieth session's guest (`getconf -a`): L1d 48 KiB 12-way, L2 1 MiB 8-way, keyed by
    // glibc's numbers for the names (bits/confname.h: _SC_LEVEL1_DCACHE_SIZE 188, _ASSOC 189, _SC_LEVEL2_CACHE_SIZE 191,
    // _ASSOC 192), not by the constants under test, so a wrong constant fails here.
    private static readonly Dictionary<int, long> EpycGuest = new()
    {
        [188] = 48 << 10,
        [189] = 12,
        [191] = 1 << 20,
        [192] = 8,
    };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "pix-caches-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Sysfs_gives_the_level_1_data_cache_and_the_level_2_cache_and_the_instruction_and_level_3_caches_are_ignored()
    {
        Index(0, "1", "Data", "32K", "8");
        Index(1, "1", "Instruction", "64K", "4");
        Index(2, "2", "Unified", "512K", "8");
        Index(3, "3", "Unified", "32768K", "16");

        var geometry = CacheGeometry.Read(_root, Answering(EpycGuest));

        Assert.Equal(new CacheGeometry(new(32 << 10, 8), new(512 << 10, 8), "read from " + _root), geometry);
    }

    [Fact]
    public void Without_sysfs_folders_both_levels_are_what_sysconf_reports()
    {
        var geometry = CacheGeometry.Read(_root, Answering(EpycGuest));

        Assert.Equal((new CacheLevelGeometry(48 << 10, 12), new CacheLevelGeometry(1 << 20, 8)), (geometry.L1Data, geometry.L2));
        Assert.Contains("sysconf", geometry.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_level_sysfs_lacks_comes_from_sysconf_and_the_source_says_which_came_from_where()
    {
        Index(0, "1", "Data", "32K", "8");

        var geometry = CacheGeometry.Read(_root, Answering(EpycGuest));

        Assert.Equal((new CacheLevelGeometry(32 << 10, 8), new CacheLevelGeometry(1 << 20, 8)), (geometry.L1Data, geometry.L2));
        Assert.Equal($"L1d read from {_root}, L2 from the C library (sysconf)", geometry.Source);
    }

    [Theory]
    [InlineData(-1L)] // a C library that does not know the names
    [InlineData(0L)]  // glibc's answer when CPUID does not describe the level
    public void No_answer_from_either_source_is_no_level(long answer)
    {
        var geometry = CacheGeometry.Read(_root, _ => answer);

        Assert.Equal((null, null), (geometry.L1Data, geometry.L2));
        Assert.Equal("L1d read from nowhere, L2 from nowhere", geometry.Source);
    }

    [Fact]
    public void A_size_sysconf_knows_without_its_associativity_keeps_the_size()
    {
        var values = new Dictionary<int, long>(EpycGuest) { [192] = 0 };

        Assert.Equal(new CacheLevelGeometry(1 << 20, 0), CacheGeometry.Read(_root, Answering(values)).L2);
    }

    [Fact]
    public void A_level_whose_size_does_not_parse_is_missing_from_sysfs()
    {
        Index(0, "1", "Data", "32K", "8");
        Index(2, "2", "Unified", "lots", "8");

        Assert.Equal((new CacheLevelGeometry(32 << 10, 8), (CacheLevelGeometry?)null), CacheGeometry.FromSysfs(_root));
    }

    [Theory]
    [InlineData("32K", 32L << 10)]
    [InlineData("2M", 2L << 20)]
    [InlineData("1G", 1L << 30)]
    [InlineData("512", 512L)]
    public void Sizes_are_read_as_sysfs_writes_them(string text, long bytes) => Assert.Equal(bytes, CacheGeometry.ParseSize(text));

    [Theory]
    [InlineData("")]
    [InlineData("K")]
    [InlineData("-4K")]
    [InlineData("lots")]
    [InlineData("99999999999999999G")]
    public void Sizes_that_are_not_sizes_are_none(string text) => Assert.Null(CacheGeometry.ParseSize(text));

    private static Func<int, long> Answering(Dictionary<int, long> values) => name => values.TryGetValue(name, out long v) ? v : -1;

    private void Index(int number, string level, string type, string size, string ways)
    {
        string index = Path.Combine(_root, "index" + number);
        Directory.CreateDirectory(index);
        File.WriteAllText(Path.Combine(index, "level"), level + "\n");
        File.WriteAllText(Path.Combine(index, "type"), type + "\n");
        File.WriteAllText(Path.Combine(index, "size"), size + "\n");
        File.WriteAllText(Path.Combine(index, "ways_of_associativity"), ways + "\n");
    }
}
