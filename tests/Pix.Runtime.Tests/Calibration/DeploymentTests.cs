using Pix;

namespace Pix.Runtime.Tests.Calibration;

public sealed class DeploymentTests
{
    private static readonly MachineDescription Tiered = new()
    {
        Cpu = "Xeon",
        Cores = 2,
        Runtime = ".NET 10.0.12 (X64)",
        JitSettings = "TieredCompilation=1 (default), TieredPGO=1 (default), GC=workstation concurrent",
    };

    [Fact]
    public void The_same_deployment_has_no_differences_whatever_the_order_or_default_markers()
    {
        MachineDescription same = Tiered with { JitSettings = "GC=workstation concurrent, TieredPGO=1, TieredCompilation=1 (default)" };

        Assert.Empty(Deployment.Differences(Tiered, same));
    }

    [Fact]
    public void A_jit_setting_that_differs_is_named_with_both_values()
    {
        MachineDescription flat = Tiered with { JitSettings = "TieredCompilation=0, TieredPGO=1 (default), GC=workstation concurrent" };

        string difference = Assert.Single(Deployment.Differences(Tiered, flat));

        Assert.Equal("JIT/GC: TieredCompilation=1 when calibrated, TieredCompilation=0 now", difference);
    }

    [Fact]
    public void Another_cpu_and_runtime_are_reported_separately()
    {
        MachineDescription other = Tiered with { Cpu = "EPYC", Runtime = ".NET 9.0.1 (X64)" };

        Assert.Equal(2, Deployment.Differences(Tiered, other).Count);
    }

    [Fact]
    public void The_current_process_is_described_as_a_calibration_records_it()
    {
        MachineDescription now = Deployment.Current();

        Assert.Contains("TieredCompilation=", now.JitSettings);
        Assert.Contains("GC=", now.JitSettings);
        Assert.Empty(Deployment.Differences(now, Deployment.Current()));
    }

    [Fact]
    public void A_gen0_budget_set_in_the_environment_is_a_setting_and_an_unset_one_is_not()
    {
        string set = Pix.Calibration.MachineInfo.JitSettings(name => name == "DOTNET_GCgen0size" ? "100000" : null);
        string unset = Pix.Calibration.MachineInfo.JitSettings(_ => null);

        Assert.EndsWith(", GCgen0size=100000", set);
        Assert.DoesNotContain("GCgen0size", unset);
        string difference = Assert.Single(Deployment.Differences(
            Tiered with { JitSettings = set },
            Tiered with { JitSettings = unset }));
        Assert.Equal("JIT/GC: GCgen0size=100000 when calibrated, (nothing) now", difference);
    }
}
