using System.IO;
using Pix.Cli.Commands;

namespace Pix.Cli.Tests;

public sealed class ShowIssueWidthTests
{
    [Fact]
    public void A_profile_without_a_width_says_it_is_priced_at_the_default()
    {
        var output = new StringWriter();
        ShowCommand.Write(HardwareProfile.Reference, output);

        Assert.Contains("Issue width: 4 (the default: this profile does not record one) fused micro-operations per cycle; one issue slot 0.0825 ns", output.ToString());
    }

    [Fact]
    public void A_measured_width_is_shown_with_its_slot()
    {
        var output = new StringWriter();
        ShowCommand.Write(HardwareProfile.Reference.WithIssueWidth(5.5), output);

        Assert.Contains("Issue width: 5.5 fused micro-operations per cycle; one issue slot 0.0600 ns", output.ToString());
    }
}
