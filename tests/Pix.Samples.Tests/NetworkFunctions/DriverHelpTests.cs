using System;
using System.IO;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>The driver's <c>--help</c>: the usage on stdout and exit code 0, not "Unknown option" and exit code 2.</summary>
public sealed class DriverHelpTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("measure", "--help")]
    public void Help_prints_the_usage_and_succeeds(params string[] args)
    {
        TextWriter console = Console.Out;
        var output = new StringWriter();
        int exit;
        try
        {
            Console.SetOut(output);
            exit = (int)typeof(ScenarioCatalog).Assembly.EntryPoint!.Invoke(null, new object[] { args })!;
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.Equal(0, exit);
        Assert.Contains("usage: NetworkFunctions [measure|explain|diagnose|compare-hardware|levels]", output.ToString());
        Assert.Contains("network functions: nat, lb, bridge, router, firewall, policer", output.ToString());
    }
}
