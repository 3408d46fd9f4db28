using System.Linq;
using System.Text.RegularExpressions;
using Pix;

namespace Pix.Runtime.Tests;

/// <summary>
/// <see cref="OperationClass.LibraryCopyCall"/> in profiles: written by name, and read from a profile written before the
/// class existed as that profile's own <see cref="OperationClass.Call"/> cost, the class the copy rows counted before, so
/// every interface prices on such a profile as it did.
/// </summary>
public sealed class LibraryCopyCallTests
{
    /// <summary>A calibrated-looking profile whose copy call costs more than its call (a TC=0 calibration's shape).</summary>
    private static readonly HardwareProfile Measured = HardwareProfile.Reference
        .With(OperationClass.Call, new OperationCost(1.2, 0.9))
        .With(OperationClass.LibraryCopyCall, new OperationCost(3.1, 3.1));

    [Fact]
    public void A_profile_file_with_the_class_round_trips_it()
    {
        string json = Measured.ToJson();

        Assert.Contains("\"LibraryCopyCall\"", json);
        Assert.Equal(new OperationCost(3.1, 3.1), HardwareProfile.Parse(json, "after.pixhw.json")[OperationClass.LibraryCopyCall]);
    }

    [Fact]
    public void A_profile_file_without_the_class_reads_its_own_call_cost_and_prices_a_copy_row_as_its_call_did()
    {
        string old = Regex.Replace(Measured.ToJson(), ",\\s*\"LibraryCopyCall\": \\{[^}]*\\}", string.Empty);
        Assert.DoesNotContain("LibraryCopyCall", old);

        HardwareProfile read = HardwareProfile.Parse(old, "before-copy-calls.pixhw.json");

        Assert.Equal(new OperationCost(1.2, 0.9), read[OperationClass.LibraryCopyCall]);
        foreach (OperationClass c in HardwareProfile.AllClasses.Where(c => c != OperationClass.LibraryCopyCall))
        {
            Assert.Equal(Measured[c], read[c]);
        }

        // Append(string)'s row as it now counts, priced on the old file, costs what the row counting a Call cost on it.
        BlockCounts now = BlockCounts.Of(integerAlu: 5, load: 3, store: 2, branch: 3, copiedByte: 14, libraryCopyCall: 1).WithTakenBranches(1);
        BlockCounts before = BlockCounts.Of(integerAlu: 5, load: 3, store: 2, branch: 3, call: 1, copiedByte: 14).WithTakenBranches(1);
        Assert.Equal(read.Price(before), read.Price(now));
    }

    [Fact]
    public void A_profile_built_without_the_class_takes_its_own_call_cost_and_the_reference_prices_it_as_a_call()
    {
        var costs = HardwareProfile.AllClasses.Where(c => c != OperationClass.LibraryCopyCall).ToDictionary(c => c, _ => new OperationCost(1, 0.25));
        costs[OperationClass.Call] = new OperationCost(1.7, 1.3);

        var profile = new HardwareProfile("older code", HardwareProfile.Reference.Machine, costs);

        Assert.Equal(new OperationCost(1.7, 1.3), profile[OperationClass.LibraryCopyCall]);
        Assert.Equal(HardwareProfile.Reference[OperationClass.Call], HardwareProfile.Reference[OperationClass.LibraryCopyCall]);
    }

    [Fact]
    public void A_copy_call_adds_its_throughput_cost_as_a_sequence_not_an_issue_slot()
    {
        BlockCounts loads = BlockCounts.Of(load: 8, integerAlu: 6);
        BlockCounts block = BlockCounts.Of(load: 8, integerAlu: 6, libraryCopyCall: 2);

        Assert.True(Measured.Price(loads) > 0);
        Assert.Equal((2 * 3.1) + Measured.Price(loads), Measured.Price(block), 9);
    }
}
