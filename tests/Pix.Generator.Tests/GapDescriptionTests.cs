using Pix.Model;

namespace Pix.Generator.Tests;

/// <summary>
/// The "incomplete: …" sentence a companion's remarks give for each gap: it names the construct and its line once
/// (a user trial read "while loop at line 39 at line 39": the loop gap's construct already names its line).
/// </summary>
public sealed class GapDescriptionTests
{
    private static Provenance At(int line) => new("Work.cs", 0, 1, line, line + 4, "while loop");

    [Fact]
    public void A_construct_that_names_its_line_is_not_given_it_again()
    {
        var gap = new Gap(GapKind.UnboundedLoop, "while loop at line 39", "Pix found no bound for this loop.", At(39));

        Assert.Equal(
            "incomplete: while loop at line 39: Pix found no bound for this loop.",
            PerformanceInterfaceGenerator.Describer.Describe(gap));
    }

    [Fact]
    public void A_construct_without_its_line_is_given_it()
    {
        var gap = new Gap(GapKind.DataDependentBranch, "branch on data", "The condition depends on data the inputs do not show.", At(41));

        Assert.Equal(
            "incomplete: branch on data at line 41: The condition depends on data the inputs do not show.",
            PerformanceInterfaceGenerator.Describer.Describe(gap));
    }

    [Fact]
    public void Another_line_in_the_construct_still_gets_the_gap_line()
    {
        // A construct naming some other line (a hint about the loop at line 12, reported at line 14) keeps the gap's own.
        var gap = new Gap(GapKind.MisplacedHint, "hint for the loop at line 12", "Not where hints are read.", At(14));

        Assert.Equal(
            "incomplete: hint for the loop at line 12 at line 14: Not where hints are read.",
            PerformanceInterfaceGenerator.Describer.Describe(gap));
    }
}
