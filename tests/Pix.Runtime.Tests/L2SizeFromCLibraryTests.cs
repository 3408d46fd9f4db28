using Pix.Calibration;

namespace Pix.Runtime.Tests;

/// <summary>
/// A guest without sysfs cache folders (the twentieth session's AMD EPYC VM) still gets its L2's size into the profile,
/// from the C library, so loads served by L2 are priced (<see cref="HardwareProfile.L2HitNs"/>) rather than taken as hits.
/// </summary>
public sealed class L2SizeFromCLibraryTests
{
    [Fact]
    public void The_L2_size_is_what_sysconf_answers_for_glibcs_level_2_name()
    {
        Assert.Equal(1 << 20, CLibraryCacheSize.L2CacheBytes(name => name == 191 ? 1 << 20 : 7));
    }

    [Theory]
    [InlineData(-1L)] // a C library that does not know the name
    [InlineData(0L)]  // glibc's answer when CPUID does not describe the level
    public void No_answer_is_no_size(long answer)
    {
        Assert.Null(CLibraryCacheSize.L2CacheBytes(_ => answer));
    }
}
